package io.signet.testing;

import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.ModelDirectory;
import io.signet.schema.ModelSignature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Issue 17's file families (the .npy/.npz headers, owned by the npy helper, and model directories,
 * owned by the CLI helper), measured beside the request families: each writes its files into a fresh
 * temporary directory and reads them with the library's public API ({@link io.signet.enforce.TensorSchemaEnforcer#checkNpy},
 * {@link ModelDirectory}); a valid file answers 200, a refused one 400 with its message, so the table
 * reads the same way. Public API of the commit the hardening branched from only.
 */
public final class HostileFiles {
    private HostileFiles() {
    }

    /** What reading the files gave: 200 (valid), 400 (refused or unreadable) with the message. */
    public static final class Outcome {
        public final int status;
        public final String message;

        Outcome(final int status, final String message) {
            this.status = status;
            this.message = message == null ? "" : message;
        }
    }

    /** One file family. */
    public static final class FileFamily {
        public final String id;
        public final String what;
        public final Hostile.Owner owner;
        /** What a correct reader answers. */
        public final int expected;
        final Check check;

        FileFamily(final String id, final String what, final Hostile.Owner owner, final int expected,
                   final Check check) {
            this.id = id;
            this.what = what;
            this.owner = owner;
            this.expected = expected;
            this.check = check;
        }

        /** Writes the files into {@code dir} and reads them. */
        public Outcome run(final Path dir) throws Exception {
            return check.run(dir);
        }
    }

    interface Check {
        Outcome run(Path dir) throws Exception;
    }

    static final String F32_SIG = "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": {\\\"dtype\\\": "
        + "\\\"float32\\\", \\\"shape\\\": [-1, 4]}, \\\"name\\\": \\\"x\\\"}]\"}";

    /** An .npy image: magic, version 1.0, the header text padded to 64 bytes with a newline, then data. */
    static byte[] npy(final String header, final int dataBytes) {
        final byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        int total = 10 + h.length + 1;
        total = (total + 63) / 64 * 64;
        final ByteBuffer b = ByteBuffer.allocate(total + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) (total - 10));
        b.put(h);
        for (int i = 10 + h.length; i < total - 1; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    /** A stored (uncompressed) .npz holding one entry. */
    static byte[] npz(final String entry, final byte[] content) throws IOException {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            final ZipEntry e = new ZipEntry(entry);
            e.setMethod(ZipEntry.STORED);
            e.setSize(content.length);
            final CRC32 crc = new CRC32();
            crc.update(content);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static TensorSchemaEnforcer enforcer() throws Exception {
        final ModelSignature sig = io.signet.schema.ModelSignature.fromDict(
            (java.util.Map<?, ?>) io.signet.py.PyJson.loads(F32_SIG));
        return TensorSchemaEnforcer.compile(sig.inputs(), Mode.STRICT);
    }

    static Outcome npyFile(final Path dir, final byte[] bytes, final boolean zip) throws Exception {
        final Path f = dir.resolve(zip ? "x.npz" : "x.npy");
        Files.write(f, zip ? npz("x.npy", bytes) : bytes);
        final TensorViolations v = new TensorViolations(16);
        try {
            final boolean ok = zip ? enforcer().checkNpz(f, v) : enforcer().checkNpy(0, f, v);
            return ok ? new Outcome(200, null) : new Outcome(400, v.count() > 0 ? v.message(0) : "invalid");
        } catch (IOException | RuntimeException e) {
            return new Outcome(400, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Opens the model as the CLI does with no input: its signature, then its own input example. */
    static Outcome model(final Path dir) {
        try {
            final ModelDirectory md = ModelDirectory.open(dir);
            md.signature();
            final Path example = md.inputExample();
            if (example != null) {
                ModelDirectory.readJson(example);
            }
            return new Outcome(200, null);
        } catch (ModelDirectory.ModelFileException | RuntimeException e) {
            return new Outcome(400, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static final String MLMODEL_HEAD = "artifact_path: model\nflavors:\n  python_function:\n    loader_module: "
        + "mlflow.pyfunc.model\nmlflow_version: 2.17.2\nsignature:\n  inputs: '[{\"type\": \"tensor\", "
        + "\"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 4]}}]'\n";

    /** The families. */
    public static List<FileFamily> families() {
        final List<FileFamily> f = new ArrayList<>();
        f.add(new FileFamily("file-npy-shape-overflow", "a 1 KB .npy whose shape product overflows (it promises "
            + "9.2 EB; reported valid before)", Hostile.Owner.NPY, 400, dir -> npyFile(dir, npy("{'descr': '<f4', "
            + "'fortran_order': False, 'shape': (4611686018427387904, 4), }", 900), false)));
        f.add(new FileFamily("file-npz-S2e9", "a 187-byte .npz whose entry declares |S2000000000 (2 GB allocated "
            + "before)", Hostile.Owner.NPY, 400, dir -> npyFile(dir, npy("{'descr': '|S2000000000', 'fortran_order': "
            + "False, 'shape': (1, 4), }", 0), true)));
        f.add(new FileFamily("file-npy-repeated-key", "a repeated descr: numpy takes the last ('<i8': refused), "
            + "Signet took the first ('<f4')", Hostile.Owner.NPY, 400, dir -> npyFile(dir, npy("{'descr': '<f4', "
            + "'descr': '<i8', 'fortran_order': False, 'shape': (1, 4), }", 32), false)));
        f.add(new FileFamily("file-npy-extra-key", "a header with a key numpy refuses (reported valid before)",
            Hostile.Owner.NPY, 400, dir -> npyFile(dir, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), "
            + "'extra': 1, }", 16), false)));
        f.add(new FileFamily("file-npy-no-descr-escapes", "a header missing descr, with terminal escapes in a key "
            + "(echoed raw before)", Hostile.Owner.NPY, 400, dir -> npyFile(dir, npy("{'\u001b[2J\u001b[31m"
            + "x".repeat(2000) + "': 1, 'fortran_order': False, 'shape': (1, 4), }", 16), false)));
        f.add(new FileFamily("file-model-example-escape", "a model whose input example path is ../../etc/passwd "
            + "(the CLI read it and printed its first token before)", Hostile.Owner.CLI, 400, dir -> {
                Files.writeString(dir.resolve("MLmodel"), MLMODEL_HEAD + "saved_input_example_info:\n  artifact_path: "
                    + "../../../../../../etc/passwd\n  type: ndarray\n  format: tf-serving\n");
                return model(dir);
            }));
        f.add(new FileFamily("file-model-huge-mlmodel", "a 3 GB sparse MLmodel (OutOfMemoryError before)",
            Hostile.Owner.CLI, 400, dir -> {
                try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(dir.resolve("MLmodel").toFile(), "rw")) {
                    r.write(MLMODEL_HEAD.getBytes(StandardCharsets.UTF_8));
                    r.write("# ".getBytes(StandardCharsets.UTF_8));
                    r.setLength(3L << 30);
                }
                return model(dir);
            }));
        f.add(new FileFamily("file-model-yaml-comment", "a 40 MB YAML comment line in MLmodel (200 s before)",
            Hostile.Owner.CLI, 400, dir -> {
                final byte[] head = MLMODEL_HEAD.getBytes(StandardCharsets.UTF_8);
                final byte[] b = new byte[head.length + 2 + 40_000_000 + 1];
                System.arraycopy(head, 0, b, 0, head.length);
                b[head.length] = '#';
                b[head.length + 1] = ' ';
                java.util.Arrays.fill(b, head.length + 2, b.length - 1, (byte) 'c');
                b[b.length - 1] = '\n';
                Files.write(dir.resolve("MLmodel"), b);
                return model(dir);
            }));
        f.add(new FileFamily("file-model-fifo", "a FIFO as the MLmodel (hung forever before)", Hostile.Owner.CLI, 400,
            dir -> {
                final Process p = new ProcessBuilder("mkfifo", dir.resolve("MLmodel").toString()).start();
                p.waitFor();
                return model(dir);
            }));
        return f;
    }

    /** A family by id, or null. */
    public static FileFamily family(final String id) {
        for (final FileFamily f : families()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }
}
