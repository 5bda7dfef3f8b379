package io.signet.validate;

import io.signet.tensor.DType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The README's main job: a batch of MNIST-like tensors and captured requests for the
 * {@code uint8 [-1, 28, 28, 1]} model, mostly valid with a few of every kind of failure. Made
 * deterministically (fixed seed) into a folder; nothing of it is committed.
 */
public final class DemoData {
    public static final DType IMAGE = DType.UINT8;
    public static final int SIDE = 28;

    private DemoData() {
    }

    /** The verdict planted in a demo file: its status and, for the captured requests, the invalid lines. */
    public static final class Planted {
        public final FileResult.Status status;
        public final java.util.SortedSet<Long> invalidLines;

        Planted(final FileResult.Status status, final Long... invalidLines) {
            this.status = status;
            this.invalidLines = new java.util.TreeSet<>(java.util.Arrays.asList(invalidLines));
        }
    }

    /** Every file {@link #generate} writes that the validator reads, relative to the batch folder, with its planted verdict. */
    public static java.util.Map<String, Planted> planted(final int files) {
        final java.util.Map<String, Planted> m = new java.util.TreeMap<>();
        for (int f = 0; f < files; f++) {
            m.put(String.format("images/part-%04d.npy", f), new Planted(FileResult.Status.VALID));
        }
        m.put("images/archive.npz", new Planted(FileResult.Status.VALID));
        for (final String invalid : new String[] {"normalized-float32.npy", "rgb.npy", "no-channel.npy", "two-arrays.npz"}) {
            m.put("rejects/" + invalid, new Planted(FileResult.Status.INVALID));
        }
        for (final String unreadable : new String[] {"truncated.npy", "not-really.npy", "pickled-objects.npy"}) {
            m.put("rejects/" + unreadable, new Planted(FileResult.Status.UNREADABLE));
        }
        // request r (line r + 1) is bad when r % 50 is 7 (27 rows: shape) or 13 (a pixel of 300: overflow)
        final java.util.List<Long> bad = new java.util.ArrayList<>();
        for (long r = 0; r < REQUESTS; r++) {
            if (r % 50 == 7 || r % 50 == 13) {
                bad.add(r + 1);
            }
        }
        m.put("requests/captured.jsonl", new Planted(FileResult.Status.INVALID, bad.toArray(new Long[0])));
        m.put("requests/wrong-key.json", new Planted(FileResult.Status.INVALID));
        return m;
    }

    /** Captured requests in requests/captured.jsonl. */
    static final int REQUESTS = 200;

    /** Writes the batch; {@code files} valid image files of {@code imagesPerFile} images each. */
    public static long generate(final Path dir, final int files, final int imagesPerFile) throws IOException {
        for (final String sub : new String[] {"images", "rejects", "requests"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        // a batch generated before with more files: its extra part files are not the demo's now
        try (java.util.stream.Stream<Path> old = Files.list(dir.resolve("images"))) {
            for (final Path p : (Iterable<Path>) old::iterator) {
                final String n = p.getFileName().toString();
                if (n.matches("part-\\d{4,}\\.npy") && Integer.parseInt(n.substring(5, n.length() - 4)) >= files) {
                    Files.delete(p);
                }
            }
        }
        final SplittableRandom rnd = new SplittableRandom(42);
        final int imageBytes = SIDE * SIDE;
        final ByteBuffer data = ByteBuffer.allocateDirect(imagesPerFile * imageBytes);
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            data.clear();
            for (int i = 0; i < data.capacity(); i++) {
                data.put((byte) rnd.nextInt(256));
            }
            data.flip();
            final Path p = dir.resolve(String.format("images/part-%04d.npy", f));
            NpyWriter.write(p, IMAGE, new long[] {imagesPerFile, SIDE, SIDE, 1}, data);
            bytes += Files.size(p);
        }
        // wrong dtype: float32 pixels
        final int n = 64;
        final ByteBuffer f32 = ByteBuffer.allocate(n * imageBytes * 4).order(ByteOrder.LITTLE_ENDIAN);
        while (f32.hasRemaining()) {
            f32.putFloat(rnd.nextInt(256) / 255f);
        }
        f32.flip();
        NpyWriter.write(dir.resolve("rejects/normalized-float32.npy"), DType.FLOAT32, new long[] {n, SIDE, SIDE, 1}, f32);
        // wrong shape: RGB images
        NpyWriter.write(dir.resolve("rejects/rgb.npy"), IMAGE, new long[] {n, SIDE, SIDE, 3},
            ByteBuffer.allocate(n * imageBytes * 3));
        // wrong rank: missing channel axis
        NpyWriter.write(dir.resolve("rejects/no-channel.npy"), IMAGE, new long[] {n, SIDE, SIDE},
            ByteBuffer.allocate(n * imageBytes));
        // truncated: the header promises more bytes than the file holds
        final byte[] h = NpyWriter.header(IMAGE, new long[] {n, SIDE, SIDE, 1}, false);
        final byte[] trunc = new byte[h.length + imageBytes * 3];
        System.arraycopy(h, 0, trunc, 0, h.length);
        Files.write(dir.resolve("rejects/truncated.npy"), trunc);
        // not an npy file at all
        Files.write(dir.resolve("rejects/not-really.npy"), "this is not a numpy file\n".getBytes(StandardCharsets.US_ASCII));
        // an object array (pickled): never unpickled
        final byte[] oh = NpyWriter.header(DType.OBJECT, new long[] {2}, false);
        Files.write(dir.resolve("rejects/pickled-objects.npy"), concat(oh, new byte[] {(byte) 0x80, 4, 0x4e, 0x2e}));
        // npz archives: one array (valid for the unnamed input), and two arrays (which one is the input?)
        writeNpz(dir.resolve("images/archive.npz"), rnd, "images.npy");
        writeNpz(dir.resolve("rejects/two-arrays.npz"), rnd, "a.npy", "b.npy");
        // captured requests: one payload per line, a few invalid
        final StringBuilder jsonl = new StringBuilder();
        for (int r = 0; r < REQUESTS; r++) {
            final int bad = r % 50;
            jsonl.append("{\"inputs\": [[");
            final int side = bad == 7 ? 27 : SIDE;
            for (int y = 0; y < side; y++) {
                jsonl.append(y == 0 ? "[" : ", [");
                for (int x = 0; x < SIDE; x++) {
                    final int v = bad == 13 && x == 3 && y == 5 ? 300 : rnd.nextInt(256);
                    jsonl.append(x == 0 ? "[" : ", [").append(v).append(']');
                }
                jsonl.append(']');
            }
            jsonl.append("]]}\n");
        }
        Files.writeString(dir.resolve("requests/captured.jsonl"), jsonl.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("requests/wrong-key.json"), "{\"data\": [[1, 2, 3]]}", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("requests/README.txt"), "captured requests for the demo (this file is left out)\n",
            StandardCharsets.UTF_8);
        return bytes;
    }

    private static void writeNpz(final Path file, final SplittableRandom rnd, final String... entries)
        throws IOException {
        final int imageBytes = SIDE * SIDE;
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (final String name : entries) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(NpyWriter.header(IMAGE, new long[] {8, SIDE, SIDE, 1}, false));
                final byte[] px = new byte[8 * imageBytes];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (byte) rnd.nextInt(256);
                }
                zip.write(px);
                zip.closeEntry();
            }
        }
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
