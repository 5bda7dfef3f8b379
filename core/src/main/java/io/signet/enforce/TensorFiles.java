package io.signet.enforce;

import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.tensor.NpyFile;
import io.signet.tensor.NpyFormatException;
import io.signet.tensor.TensorView;
import io.signet.internal.tensor.ZipDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Checks {@code .npy} and {@code .npz} files against a tensor enforcer without loading them: the
 * header against the spec, then (strict mode) the value scans over the memory-mapped data, region by
 * region, so files larger than 2 GiB work. Stored {@code .npz} entries are mapped in place the same
 * way; deflated ones are inflated through a bounded buffer: in MLflow mode only as far as the
 * {@code .npy} header, in strict mode to the end, where the entry's declared size and CRC-32 are
 * checked (a stored entry's CRC-32 too, over the mapped bytes).
 *
 * <p>Malformed files raise {@link NpyFormatException} (file name and byte offset); a file that
 * shrinks or changes while it is mapped raises an {@link IOException} (the JVM's
 * {@code InternalError} for the fault, caught here), never an {@code Error}.
 */
final class TensorFiles {
    /** Buffer for streamed (deflated) .npz entries. */
    static final int STREAM_BUFFER = 1 << 20;
    /** Names quoted in a message before "and N more". */
    private static final int MAX_NAMES = 20;

    private TensorFiles() {
    }

    /** {@link TensorSchemaEnforcer#checkNpy(int, Path, TensorViolations, int, NpyFile.NpyLimits)}. */
    static boolean checkNpy(final TensorSchemaEnforcer enf, final int input, final Path file,
                            final TensorViolations v, final int regionBytes, final NpyFile.NpyLimits limits)
        throws IOException {
        try (NpyFile f = NpyFile.open(file, limits)) {
            return check(enf, input, f, v, regionBytes, null, null);
        } catch (final InternalError e) {
            throw NpyFile.changedUnderneath(file.getFileName().toString(), -1, e);
        }
    }

    /**
     * Header, then (strict) the values of a mapped .npy image, region by region; for a stored .npz
     * entry ({@code zip} not null) the CRC-32 of its bytes when every region was read.
     */
    private static boolean check(final TensorSchemaEnforcer enf, final int input, final NpyFile f,
                                 final TensorViolations v, final int regionBytes, final ZipDirectory zip,
                                 final ZipDirectory.Entry entry) throws IOException {
        final NdArray h = f.header();
        if (!enf.checkSpec(input, h, v)) {
            return false;
        }
        if (enf.mode() != Mode.STRICT) {
            return true;
        }
        final int before = v.count();
        final CRC32 crc = zip == null ? null : new CRC32();
        if (crc != null) {
            zip.crc(entry, 0, f.dataOffset() - entry.dataOffset(), crc);
        }
        final boolean whole = f.regions(regionBytes, new TensorView(),
            (region, first) -> enf.checkRegionValues(input, region, first, h, f.fortranOrder(), v) || !v.isFull(), crc);
        if (crc != null && whole) {
            zip.crc(entry, f.dataOffset() + f.dataBytes() - entry.dataOffset(), entry.size(), crc);
            zip.checkCrc(entry, crc.getValue());
        }
        return v.count() == before;
    }

    /**
     * {@link TensorSchemaEnforcer#checkNpz(Path, TensorViolations, int, NpyFile.NpyLimits)}: deflated
     * entries are inflated through a {@link #STREAM_BUFFER} buffer.
     */
    static boolean checkNpz(final TensorSchemaEnforcer enf, final Path file, final TensorViolations v,
                            final int regionBytes, final NpyFile.NpyLimits limits) throws IOException {
        final String archive = file.getFileName().toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return checkNpz(enf, ch, archive, v, regionBytes, limits);
        } catch (final InternalError e) {
            throw NpyFile.changedUnderneath(archive, -1, e);
        }
    }

    private static boolean checkNpz(final TensorSchemaEnforcer enf, final FileChannel ch, final String archive,
                                    final TensorViolations v, final int regionBytes, final NpyFile.NpyLimits limits)
        throws IOException {
        final ZipDirectory zip = ZipDirectory.read(ch, archive, limits);
        // np.load's keys: entry names, '.npy' dropped
        final Set<String> keys = new LinkedHashSet<>();
        for (final ZipDirectory.Entry e : zip.entries()) {
            keys.add(e.name().endsWith(".npy") ? e.name().substring(0, e.name().length() - 4) : e.name());
        }
        final boolean named = enf.schema().hasInputNames();
        if (!named) {
            if (keys.size() != 1) {
                v.addText(TensorViolations.INPUT_TYPE, enf.spec(0), false, "This model contains a tensor-based "
                    + "model signature with no input names, but the archive holds " + keys.size() + " arrays");
                return false;
            }
        } else {
            final List<Object> missing = new ArrayList<>();
            for (int i = 0; i < enf.inputCount(); i++) {
                if (entryOf(zip, enf.spec(i).name()) == null) {
                    missing.add(enf.spec(i).name());
                }
            }
            if (!missing.isEmpty()) {
                final List<Object> extra = new ArrayList<>();
                for (final String k : keys) {
                    if (enf.indexOf(k) < 0) {
                        extra.add(k);
                    }
                }
                String msg = "Model is missing inputs " + names(missing) + ".";
                if (!extra.isEmpty()) {
                    msg += " Note that there were extra inputs: " + names(extra);
                }
                v.addText(TensorViolations.MISSING_INPUTS, null, true, msg);
                return false;
            }
        }
        boolean ok = true;
        for (int i = 0; i < enf.inputCount(); i++) {
            final ZipDirectory.Entry e = zip.locate(named ? entryOf(zip, enf.spec(i).name())
                : entryOf(zip, keys.iterator().next()));
            final String entryName = archive + "/" + e.name();
            final int before = v.count();
            if (e.stored()) {
                try (NpyFile f = NpyFile.openAt(ch, entryName, e.dataOffset(), e.size(), limits)) {
                    check(enf, i, f, v, regionBytes, zip, e);
                }
            } else {
                streamed(enf, i, zip, e, entryName, v, limits);
            }
            if (v.count() != before) {
                ok = false;
                if (enf.mode() != Mode.STRICT || v.isFull()) {
                    return false;
                }
            }
        }
        return ok;
    }

    /** numpy's NpzFile lookup: the entry named {@code key}, else {@code key + ".npy"}. */
    private static ZipDirectory.Entry entryOf(final ZipDirectory zip, final String key) {
        final ZipDirectory.Entry e = zip.get(key);
        return e != null ? e : zip.get(key + ".npy");
    }

    /**
     * A deflated entry: the header (MLflow mode stops there, having inflated only the header's bytes),
     * then (strict) the values chunk by chunk and the rest of the entry, which checks its size and CRC-32.
     */
    private static void streamed(final TensorSchemaEnforcer enf, final int input, final ZipDirectory zip,
                                 final ZipDirectory.Entry e, final String entryName, final TensorViolations v,
                                 final NpyFile.NpyLimits limits) throws IOException {
        final boolean strict = enf.mode() == Mode.STRICT;
        final NdArray[] header = new NdArray[1];
        final boolean[] fortran = new boolean[1];
        final boolean[] headerOk = {false};
        final boolean[] stopped = {false};
        try (InputStream in = zip.open(e)) {
            NpyFile.stream(entryName, in, e.size(), STREAM_BUFFER, limits, h -> {
                header[0] = new HeaderArray(h.dtype(), h.shape());
                fortran[0] = h.fortran();
                headerOk[0] = enf.checkSpec(input, header[0], v);
                return headerOk[0];
            }, !strict ? null : (region, first) -> {
                final boolean go = enf.checkRegionValues(input, region, first, header[0], fortran[0], v)
                    || !v.isFull();
                stopped[0] |= !go;
                return go;
            });
            if (strict && headerOk[0] && !stopped[0]) {
                in.transferTo(java.io.OutputStream.nullOutputStream()); // the end verifies size and CRC-32
            }
        }
    }

    /**
     * A Python list repr of names, as MLflow words it, bounded: at most {@value #MAX_NAMES} names of at
     * most 100 characters each, then "and N more".
     */
    private static String names(final List<Object> names) {
        final StringBuilder sb = new StringBuilder("[");
        final int shown = Math.min(names.size(), MAX_NAMES);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(NpyFormatException.quote(String.valueOf(names.get(i)), 100));
        }
        sb.append(']');
        if (shown < names.size()) {
            sb.append(" and ").append(names.size() - shown).append(" more");
        }
        return sb.toString();
    }

    /** An array with a header only (a streamed entry's). */
    private static final class HeaderArray implements NdArray {
        private final DType dtype;
        private final long[] shape;

        HeaderArray(final DType dtype, final long[] shape) {
            this.dtype = dtype;
            this.shape = shape;
        }

        @Override
        public DType dtype() {
            return dtype;
        }

        @Override
        public int rank() {
            return shape.length;
        }

        @Override
        public long dim(final int k) {
            return shape[k];
        }

        @Override
        public String pyRepr() {
            return "array(" + PyRepr.shape(shape) + ")";
        }
    }
}
