package io.signet.enforce;

import io.signet.schema.PyRepr;
import io.signet.tensor.NdArray;
import io.signet.tensor.NpyFile;
import io.signet.tensor.NpyFormatException;
import io.signet.tensor.TensorView;
import io.signet.tensor.ZipStoredEntries;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks {@code .npy} and {@code .npz} files against a tensor enforcer without loading them: the
 * header against the spec, then (strict mode) the value scans over the memory-mapped data, region by
 * region, so files larger than 2 GiB work. Stored {@code .npz} entries are mapped in place the same
 * way; deflated ones are streamed through a bounded buffer.
 * Malformed files raise {@link NpyFormatException} (file name and byte offset).
 */
public final class TensorFiles {
    /** Buffer for streamed (deflated) .npz entries. */
    public static final int STREAM_BUFFER = 1 << 20;

    private TensorFiles() {
    }

    /** Checks a .npy file as input {@code input} of the enforcer's schema. */
    public static boolean checkNpy(final TensorSchemaEnforcer enf, final int input, final Path file,
                                   final TensorViolations v) throws IOException {
        return checkNpy(enf, input, file, v, NpyFile.DEFAULT_REGION);
    }

    /** As {@link #checkNpy(TensorSchemaEnforcer, int, Path, TensorViolations)} with a region size (tests walk small regions). */
    public static boolean checkNpy(final TensorSchemaEnforcer enf, final int input, final Path file,
                                   final TensorViolations v, final int regionBytes) throws IOException {
        try (NpyFile f = NpyFile.open(file)) {
            return check(enf, input, f, v, regionBytes);
        }
    }

    /** Header, then (strict) the values of a mapped .npy image, region by region. */
    private static boolean check(final TensorSchemaEnforcer enf, final int input, final NpyFile f,
                                 final TensorViolations v, final int regionBytes) throws IOException {
        final NdArray h = f.header();
        if (!enf.checkSpec(input, h, v)) {
            return false;
        }
        if (enf.mode() != Mode.STRICT) {
            return true;
        }
        final int before = v.count();
        f.regions(regionBytes, new TensorView(),
            (region, first) -> enf.checkRegionValues(input, region, first, h, f.fortranOrder(), v) || !v.isFull());
        return v.count() == before;
    }

    /**
     * Checks a .npz archive as a dict of named inputs (entry {@code x.npy} is input {@code x}):
     * missing inputs first, then each input's header and (strict) values. Stored entries (what
     * {@code np.savez} writes) are memory-mapped in place like .npy files; deflated entries
     * ({@code np.savez_compressed}) are streamed through a {@link #STREAM_BUFFER} buffer.
     */
    public static boolean checkNpz(final TensorSchemaEnforcer enf, final Path file, final TensorViolations v)
        throws IOException {
        return checkNpz(enf, file, v, NpyFile.DEFAULT_REGION);
    }

    /** As {@link #checkNpz(TensorSchemaEnforcer, Path, TensorViolations)} with a region size for mapped entries. */
    public static boolean checkNpz(final TensorSchemaEnforcer enf, final Path file, final TensorViolations v,
                                   final int regionBytes) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile());
             FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            final Map<String, ZipStoredEntries.Entry> stored = ZipStoredEntries.read(ch);
            final Map<String, ZipEntry> entries = new LinkedHashMap<>();
            final Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                final ZipEntry e = en.nextElement();
                final String n = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4)
                    : e.getName();
                entries.put(n, e);
            }
            final boolean named = enf.schema().hasInputNames();
            if (!named) {
                if (entries.size() != 1) {
                    v.addText(TensorViolations.INPUT_TYPE, enf.spec(0), false, "This model contains a tensor-based "
                        + "model signature with no input names, but the archive holds " + entries.size() + " arrays");
                    return false;
                }
            } else {
                final List<Object> missing = new ArrayList<>();
                for (int i = 0; i < enf.inputCount(); i++) {
                    if (!entries.containsKey(enf.spec(i).name())) {
                        missing.add(enf.spec(i).name());
                    }
                }
                if (!missing.isEmpty()) {
                    final List<Object> extra = new ArrayList<>();
                    for (final String k : entries.keySet()) {
                        if (enf.indexOf(k) < 0) {
                            extra.add(k);
                        }
                    }
                    String msg = "Model is missing inputs " + PyRepr.repr(missing) + ".";
                    if (!extra.isEmpty()) {
                        msg += " Note that there were extra inputs: " + PyRepr.repr(extra);
                    }
                    v.addText(TensorViolations.MISSING_INPUTS, null, true, msg);
                    return false;
                }
            }
            boolean ok = true;
            for (int i = 0; i < enf.inputCount(); i++) {
                final ZipEntry e = named ? entries.get(enf.spec(i).name()) : entries.values().iterator().next();
                final int input = i;
                final String entryName = file.getFileName() + "/" + e.getName();
                final int before = v.count();
                final boolean[] headerOk = {true};
                final NdArray[] header = new NdArray[1];
                final boolean[] fortran = new boolean[1];
                final ZipStoredEntries.Entry se = stored.get(e.getName());
                if (se != null && se.size() == e.getSize()) {
                    try (NpyFile f = NpyFile.openAt(ch, entryName, se.dataOffset(), se.size())) {
                        check(enf, input, f, v, regionBytes);
                    }
                    if (v.count() != before) {
                        ok = false;
                        if (enf.mode() != Mode.STRICT || v.isFull()) {
                            return false;
                        }
                    }
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    NpyFile.stream(entryName, in, e.getSize(), STREAM_BUFFER, h -> {
                        header[0] = new io.signet.tensor.NdArray() {
                            @Override
                            public io.signet.tensor.DType dtype() {
                                return h.dtype();
                            }

                            @Override
                            public int rank() {
                                return h.shape().length;
                            }

                            @Override
                            public long dim(final int k) {
                                return h.shape()[k];
                            }

                            @Override
                            public String pyRepr() {
                                return "array(" + PyRepr.shape(h.shape()) + ")";
                            }
                        };
                        fortran[0] = h.fortran();
                        headerOk[0] = enf.checkSpec(input, header[0], v);
                        if (!headerOk[0]) {
                            throw new StopStream();
                        }
                    }, (region, first) -> enf.mode() != Mode.STRICT
                        || enf.checkRegionValues(input, region, first, header[0], fortran[0], v) || !v.isFull());
                } catch (final StopStream s) {
                    // header failed: recorded
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
    }

    private static final class StopStream extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopStream() {
            super(null, null, false, false);
        }
    }
}
