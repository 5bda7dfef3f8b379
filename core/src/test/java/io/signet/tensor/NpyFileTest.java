package io.signet.tensor;

import io.signet.tensor.NpyFile.NpyLimits;
import io.signet.internal.tensor.ZipDirectory;
import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyFileTest {
    static final Path DIR = Path.of("..", "src-test-data", "npy");

    private static Object read(final String name) throws IOException {
        try (NpyFile f = NpyFile.open(DIR.resolve(name))) {
            return f.view(new TensorView()).toJava();
        }
    }

    @Test
    void everyDtypeVersionAndOrderReadsInPlace() throws IOException {
        assertEquals(List.of(List.of(0.0, 1.0, 2.0), List.of(3.0, 4.0, 5.0)), read("f4_2x3.npy"));
        assertEquals(List.of(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L)), read("i8_fortran.npy"));
        assertEquals(List.of(1L, -2L, 300L), read("be_i4.npy"));
        assertEquals(List.of("a", "hello", "µ€"), read("U7.npy"));
        assertEquals(List.of(0L, 1L, 2L, 3L), read("v2_u1.npy"));
        assertEquals(List.of("ä", "b"), read("v3_U2.npy"));
        assertEquals(List.of(), read("empty_f4.npy"));
        assertEquals(3.5, read("scalar_f8.npy"));
        try (NpyFile f = NpyFile.open(DIR.resolve("M8ns.npy"))) {
            assertEquals(DType.datetime64("ns"), f.dtype());
            assertEquals(3, f.version() + 2);
        }
        try (NpyFile f = NpyFile.open(DIR.resolve("S3.npy"))) {
            assertEquals("|S3", f.dtype().toString());
            assertEquals(1, f.version());
        }
    }

    @Test
    void malformedFilesGetPreciseErrors() {
        final NpyFormatException magic = assertThrows(NpyFormatException.class,
            () -> NpyFile.open(DIR.resolve("bad_magic.npy")));
        assertEquals("bad_magic.npy: byte 5: bad magic: expected \\x93NUMPY", magic.getMessage());
        final NpyFormatException trunc = assertThrows(NpyFormatException.class,
            () -> NpyFile.open(DIR.resolve("truncated.npy")));
        assertEquals("truncated.npy: byte 128: the header promises 24 data bytes (shape (2, 3) of <f4) from byte 128 "
            + "but the file ends at byte 147", trunc.getMessage());
        final NpyFormatException lie = assertThrows(NpyFormatException.class,
            () -> NpyFile.open(DIR.resolve("lying_header.npy")));
        assertEquals(128, lie.offset());
        final NpyFormatException absurd = assertThrows(NpyFormatException.class,
            () -> NpyFile.open(DIR.resolve("absurd_shape.npy")));
        assertTrue(absurd.getMessage().contains("absurd shape (-1, 3): negative dimension"), absurd.getMessage());
        assertThrows(NpyFormatException.class, () -> NpyFile.open(DIR.resolve("short.npy")));
        final NpyFormatException obj = assertThrows(NpyFormatException.class,
            () -> NpyFile.open(DIR.resolve("object.npy")));
        assertTrue(obj.getMessage().contains("never unpickles"), obj.getMessage());
    }

    @Test
    void enforcerChecksHeadersAndStrictValuesInPlace() throws IOException {
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 3}, null)));
        final TensorViolations v = new TensorViolations(4);
        assertTrue(TensorSchemaEnforcer.compile(s, Mode.MLFLOW).checkNpy(0, DIR.resolve("f4_2x3.npy"), v));
        assertFalse(TensorSchemaEnforcer.compile(s, Mode.MLFLOW).checkNpy(0, DIR.resolve("f8_nan.npy"), v));
        assertEquals("Shape of input (2, 2) does not match expected shape (-1, 3).", v.message(0));
        v.reset();
        final TensorSchemaEnforcer strict = TensorSchemaEnforcer.compile(s, Mode.STRICT,
            TensorPolicy.NONE.rejectInf());
        // F order: storage index 3 is element (1, 1); C-order path [1][1]
        assertFalse(strict.checkNpy(0, DIR.resolve("f4_fortran_inf.npy"), v, 8));
        assertEquals(TensorViolations.INF, v.code(0));
        assertEquals("inputs[1][1]", v.path(0));
    }

    @Test
    void npzStoredAndDeflatedEntries() throws IOException {
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 3}, "x"),
            new TensorSpec(DType.INT64, new long[] {-1}, "y")));
        final TensorViolations v = new TensorViolations(4);
        assertTrue(TensorSchemaEnforcer.compile(s, Mode.MLFLOW).checkNpz(DIR.resolve("stored.npz"), v));
        assertTrue(TensorSchemaEnforcer.compile(s, Mode.MLFLOW).checkNpz(DIR.resolve("deflated.npz"), v));
        assertFalse(TensorSchemaEnforcer.compile(s, Mode.STRICT, TensorPolicy.NONE.rejectNaN()).checkNpz(
            DIR.resolve("deflated.npz"), v));
        assertEquals("inputs['x'][0][2]", v.path(0));
        v.reset();
        final Schema z = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 3}, "z")));
        assertFalse(TensorSchemaEnforcer.compile(z, Mode.MLFLOW).checkNpz(DIR.resolve("stored.npz"), v));
        assertEquals("Model is missing inputs ['z']. Note that there were extra inputs: ['x', 'y']", v.message(0));
    }

    @Test
    void npzEntriesAreLocatedFromTheCheckedDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(DIR.resolve("stored.npz"), StandardOpenOption.READ)) {
            final ZipDirectory zip = ZipDirectory.read(ch, "stored.npz", NpyLimits.DEFAULT);
            assertEquals(List.of("x.npy", "y.npy"), zip.entries().stream().map(ZipDirectory.Entry::name).toList());
            for (final ZipDirectory.Entry e : zip.entries()) {
                assertTrue(e.stored());
                zip.locate(e);
                final ByteBuffer b = ByteBuffer.allocate(6);
                ch.read(b, e.dataOffset());
                assertEquals("NUMPY", new String(b.array(), 1, 5, StandardCharsets.US_ASCII), e.name());
                try (NpyFile f = NpyFile.openAt(ch, e.name(), e.dataOffset(), e.size())) {
                    assertEquals(e.dataOffset() + 128, f.dataOffset());
                }
            }
            assertTrue(ch.isOpen(), "an entry's NpyFile leaves the archive's channel open");
        }
        try (FileChannel ch = FileChannel.open(DIR.resolve("deflated.npz"), StandardOpenOption.READ)) {
            final ZipDirectory zip = ZipDirectory.read(ch, "deflated.npz", NpyLimits.DEFAULT);
            assertFalse(zip.get("x.npy").stored());
            // the whole entry inflates to its declared size and CRC-32 (checked at the end of the stream)
            try (java.io.InputStream in = zip.open(zip.get("x.npy"))) {
                assertEquals(zip.get("x.npy").size(), in.readAllBytes().length);
            }
        }
        try (FileChannel ch = FileChannel.open(DIR.resolve("stored_mixed.npz"), StandardOpenOption.READ)) {
            final ZipDirectory zip = ZipDirectory.read(ch, "stored_mixed.npz", NpyLimits.DEFAULT);
            assertTrue(zip.get("x.npy").stored());
            assertFalse(zip.get("y.npy").stored());
        }
        // ZIP64 end records and central directory extra fields: the same entries as the plain archive
        try (FileChannel a = FileChannel.open(DIR.resolve("stored_nan.npz"), StandardOpenOption.READ);
             FileChannel b = FileChannel.open(DIR.resolve("zip64_stored.npz"), StandardOpenOption.READ)) {
            final ZipDirectory plain = ZipDirectory.read(a, "a", NpyLimits.DEFAULT);
            final ZipDirectory z64 = ZipDirectory.read(b, "b", NpyLimits.DEFAULT);
            assertEquals(plain.entries().size(), z64.entries().size());
            for (final ZipDirectory.Entry e : plain.entries()) {
                final ZipDirectory.Entry f = z64.get(e.name());
                assertEquals(plain.locate(e).dataOffset(), z64.locate(f).dataOffset());
                assertEquals(e.size(), f.size());
                assertEquals(e.crc(), f.crc());
            }
        }
    }

    @Test
    void storedNpzEntriesAreCheckedInPlaceWithStrictScans() throws IOException {
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 3}, "x"),
            new TensorSpec(DType.INT64, new long[] {-1}, "y")));
        final TensorSchemaEnforcer strict = TensorSchemaEnforcer.compile(s, Mode.STRICT,
            TensorPolicy.NONE.rejectNaN().rejectInf());
        final TensorViolations v = new TensorViolations(4);
        for (final String f : new String[] {"stored_nan.npz", "zip64_stored.npz"}) {
            v.reset();
            assertTrue(TensorSchemaEnforcer.compile(s, Mode.MLFLOW).checkNpz(DIR.resolve(f), v), f);
            // 8-byte regions: the mapped walk still reports the C-order index of the NaN
            assertFalse(strict.checkNpz(DIR.resolve(f), v, 8), f);
            assertEquals(1, v.count(), f);
            assertEquals(TensorViolations.NAN, v.code(0));
            assertEquals("inputs['x'][0][2]", v.path(0));
        }
        v.reset();
        final Schema x = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 3}, "x")));
        assertFalse(TensorSchemaEnforcer.compile(x, Mode.STRICT, TensorPolicy.NONE.rejectInf()).checkNpz(
            DIR.resolve("stored_fortran.npz"), v, 4));
        assertEquals(TensorViolations.INF, v.code(0));
        assertEquals("inputs['x'][1][1]", v.path(0));
        // one stored entry (mapped) and one deflated entry (streamed) in the same archive
        v.reset();
        assertTrue(strict.checkNpz(DIR.resolve("stored_mixed.npz"), v));
        final Schema wrongY = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 3}, "x"),
            new TensorSpec(DType.INT32, new long[] {-1}, "y")));
        assertFalse(TensorSchemaEnforcer.compile(wrongY, Mode.MLFLOW).checkNpz(
            DIR.resolve("stored_mixed.npz"), v));
        assertEquals("dtype of input int64 does not match expected dtype int32", v.message(0));
        // a stored entry whose header promises more than the entry holds
        final NpyFormatException lie = assertThrows(NpyFormatException.class, () -> TensorSchemaEnforcer.compile(x, Mode.MLFLOW).checkNpz(DIR.resolve("stored_lying.npz"), new TensorViolations(4)));
        assertTrue(lie.getMessage().startsWith("stored_lying.npz/x.npy: byte 128: the header promises 108 data bytes"),
            lie.getMessage());
    }

    @Test
    void largeFilesAreWalkedInRegions(@TempDir final Path tmp) throws IOException {
        // 8 MiB of float32 walked in 64 KiB regions (the same code walks >2 GiB files in 1 GiB regions)
        final int n = 2 * 1024 * 1024;
        final Path f = tmp.resolve("big.npy");
        final String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ",), }";
        final StringBuilder hb = new StringBuilder(header);
        while ((10 + hb.length() + 1) % 64 != 0) {
            hb.append(' ');
        }
        hb.append('\n');
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            final ByteBuffer pre = ByteBuffer.allocate(10 + hb.length()).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            pre.putShort((short) hb.length());
            pre.put(hb.toString().getBytes(StandardCharsets.US_ASCII));
            pre.flip();
            ch.write(pre);
            final ByteBuffer data = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                data.putFloat(i == n - 3 ? Float.NaN : i);
            }
            data.flip();
            ch.write(data);
        }
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1}, null)));
        final TensorViolations v = new TensorViolations(4);
        assertFalse(TensorSchemaEnforcer.compile(s, Mode.STRICT, TensorPolicy.NONE.rejectNaN()).checkNpy(
            0, f, v, 1 << 16));
        assertEquals("inputs[" + (n - 3) + "]", v.path(0));
        assertTrue(Files.size(f) > n * 4L);
    }
}
