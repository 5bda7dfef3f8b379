package io.signet.tensor;

import io.signet.tensor.NpyFile.NpyLimits;
import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile .npy and .npz files: the bypasses issue #17 found (a 1 KB file whose size computation
 * overflows, a repeated header key, a 187-byte archive declaring 2 GB elements) and the zip
 * inconsistencies a reader must refuse, each with its exact message.
 */
class NpyHardeningTest {
    private static final Schema U8 = new Schema(List.of(new TensorSpec(DType.UINT8, new long[] {-1, 28, 28, 1}, null)));
    private static final Schema F4X = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1}, "x")));

    @TempDir
    Path tmp;

    /** A v1 .npy image: the header padded with spaces and a newline to {@code padTo} bytes (0: no padding). */
    static byte[] npy(final String header, final byte[] data, final int padTo) {
        final StringBuilder h = new StringBuilder(header);
        if (padTo > 0) {
            while (10 + h.length() + 1 < padTo) {
                h.append(' ');
            }
            h.append('\n');
        }
        final byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        final ByteBuffer b = ByteBuffer.allocate(10 + hb.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) hb.length).put(hb).put(data);
        return b.array();
    }

    /** The same header as version 3.0 (UTF-8): two more bytes of header length. */
    static byte[] v3(final byte[] v1) {
        final ByteBuffer b = ByteBuffer.allocate(v1.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put(v1, 0, 6).put((byte) 3).put((byte) 0).putInt(ByteBuffer.wrap(v1, 8, 2).order(ByteOrder.LITTLE_ENDIAN)
            .getShort() & 0xFFFF).put(v1, 10, v1.length - 10);
        return b.array();
    }

    private Path write(final String name, final byte[] bytes) throws IOException {
        final Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void aShapeWhoseByteSizeOverflowsTheOffsetIsRefused() throws IOException {
        // 11,764,505,149,049,458 x 784 bytes fit in 64 bits; plus the 1,008-byte header they do not
        final long n = Long.MAX_VALUE / 784;
        final Path f = write("overflow.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (" + n
            + ", 28, 28, 1), }", new byte[16], 1008));
        assertEquals(1024, Files.size(f));
        final NpyFormatException limit = assertThrows(NpyFormatException.class,
            () -> TensorSchemaEnforcer.compile(U8, Mode.MLFLOW).checkNpy(0, f, new TensorViolations(4)));
        assertEquals("overflow.npy: byte 60: shape (" + n + ", 28, 28, 1): 9223372036854775072 elements exceed limit "
            + "maxElements=1099511627776", limit.getMessage());
        // without the element limit, the size check itself: offset + bytes compared without overflow
        final NpyFormatException e = assertThrows(NpyFormatException.class,
            () -> TensorSchemaEnforcer.compile(U8, Mode.MLFLOW).checkNpy(0, f, new TensorViolations(4),
                NpyFile.DEFAULT_REGION, NpyLimits.DEFAULT.withMaxElements(Long.MAX_VALUE)));
        assertEquals("overflow.npy: byte 1008: the header promises 9223372036854775072 data bytes (shape ("
            + n + ", 28, 28, 1) of |u1) from byte 1008 but the file ends at byte 1024", e.getMessage());
        assertEquals(1008, e.offset());
    }

    @Test
    void aRepeatedKeyTakesItsLastValueAsPythonDoes() throws IOException {
        final Path f = write("repeated.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 28, 28, 1), "
            + "'descr': '<f8', }", new byte[784 * 8], 128));
        try (NpyFile npy = NpyFile.open(f)) {
            assertEquals(DType.FLOAT64, npy.dtype());
            assertEquals(784, npy.count());
        }
        final TensorViolations v = new TensorViolations(4);
        assertFalse(TensorSchemaEnforcer.compile(U8, Mode.MLFLOW).checkNpy(0, f, v));
        assertEquals("dtype of input float64 does not match expected dtype uint8", v.message(0));
    }

    @Test
    void headerMessagesAreBoundedEscapedAndNeverEchoTheHeader() throws IOException {
        final String comment = "\u001b]0;owned\u0007" + "A".repeat(5000);
        final Path f = write("nodescr.npy", npy("{'fortran_order': False, 'shape': (3,), } # " + comment, new byte[0], 0));
        final NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyFile.open(f));
        assertEquals("nodescr.npy: byte 10: header has no 'descr' key", e.getMessage());
        // a syntax error quotes a short excerpt, escaped; numpy 1.24's tokenizer counts the '[' of the
        // escape sequence as a bracket that never closes
        final Path g = write("esc.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), \u001b[31m "
            + "B".repeat(5000) + "}", new byte[0], 0));
        final NpyFormatException s = assertThrows(NpyFormatException.class, () -> NpyFile.open(g));
        assertEquals("esc.npy: byte 5072: header is not a Python literal numpy 1.24 reads: Python's tokenize fails "
            + "(EOF in multi-line statement), near 'BBBBBBBBBBBB}'", s.getMessage());
        final Path h = write("esc3.npy", v3(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), "
            + "\u001b[31m " + "B".repeat(5000) + "}", new byte[0], 0)));
        assertEquals("esc3.npy: byte 68: header is not a Python literal numpy reads: invalid character U+001B, near "
            + "\"ape': (3,), \\x1b[31m BBBBBBBBBBBBBBBBBB\"", assertThrows(NpyFormatException.class,
            () -> NpyFile.open(h)).getMessage());
        // a hostile file name is escaped and cut too
        final String name = "\u001b[2J" + "n".repeat(3000) + ".npy";
        final NpyFormatException n = new NpyFormatException(name, 0, "x");
        assertTrue(n.getMessage().startsWith("\\x1b[2Jnnn"), n.getMessage());
        assertTrue(n.getMessage().length() < 300, n.getMessage());
        assertTrue(n.getMessage().contains("...(2811 more characters): byte 0: x"), n.getMessage());
    }

    @Test
    void declaredItemSizesAndElementCountsHaveLimits() throws IOException {
        final Path big = write("s2g.npy", npy("{'descr': '|S2000000000', 'fortran_order': False, 'shape': (1,), }",
            new byte[0], 128));
        assertEquals("s2g.npy: byte 20: descr |S2000000000: item size 2000000000 exceeds limit maxItemBytes=1048576",
            assertThrows(NpyFormatException.class, () -> NpyFile.open(big)).getMessage());
        final Path many = write("many.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1099511627777,), }",
            new byte[0], 128));
        assertEquals("many.npy: byte 60: shape (1099511627777,): 1099511627777 elements exceed limit "
            + "maxElements=1099511627776", assertThrows(NpyFormatException.class, () -> NpyFile.open(many)).getMessage());
        // limits are values the caller passes
        try (NpyFile f = NpyFile.open(big, NpyLimits.DEFAULT.withMaxItemBytes(Integer.MAX_VALUE))) {
            throw new AssertionError("the data is missing: " + f.count());
        } catch (final NpyFormatException e) {
            assertTrue(e.getMessage().contains("the header promises 2000000000 data bytes"), e.getMessage());
        }
        assertThrows(NpyFormatException.class, () -> NpyFile.open(write("small.npy", npy("{'descr': '<f4', "
            + "'fortran_order': False, 'shape': (3,), }", new byte[12], 0)), NpyLimits.DEFAULT.withMaxElements(2)));
    }

    @Test
    void aTinyNpzDeclaring2GbElementsAllocatesNothingLikeIt() throws IOException {
        final byte[] entry = npy("{'descr': '|S2000000000', 'fortran_order': False, 'shape': (1,), }", new byte[0], 128);
        final Path f = write("s2g.npz", zip(new Zip().add("x.npy", entry, true)));
        assertTrue(Files.size(f) < 200, "a small archive: " + Files.size(f));
        final Schema s = new Schema(List.of(new TensorSpec(DType.BYTES, new long[] {-1}, "x")));
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (final Mode mode : Mode.values()) {
            final long before = mx.getCurrentThreadAllocatedBytes();
            final NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> TensorSchemaEnforcer.compile(s, mode).checkNpz(f, new TensorViolations(4)));
            final long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertEquals("s2g.npz/x.npy: byte 20: descr |S2000000000: item size 2000000000 exceeds limit "
                + "maxItemBytes=1048576", e.getMessage());
            assertTrue(allocated < 4 << 20, mode + ": allocated " + allocated + " bytes");
        }
    }

    @Test
    void storedEntriesAreCheckedWithoutOverflowToo() throws IOException {
        final long n = Long.MAX_VALUE / 8;
        final byte[] entry = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ",), }", new byte[8], 1008);
        final Path f = write("ovf.npz", zip(new Zip().add("x.npy", entry, false)));
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT64, new long[] {-1}, "x")));
        final NpyFormatException e = assertThrows(NpyFormatException.class,
            () -> TensorSchemaEnforcer.compile(s, Mode.MLFLOW).checkNpz(f, new TensorViolations(4),
                NpyFile.DEFAULT_REGION, NpyLimits.DEFAULT.withMaxElements(Long.MAX_VALUE)));
        assertEquals("ovf.npz/x.npy: byte 1008: the header promises 9223372036854775800 data bytes (shape ("
            + n + ",) of <f8) from byte 1008 but the entry ends at byte 1016", e.getMessage());
    }

    private static byte[] f4Entry(final float... xs) {
        final ByteBuffer d = ByteBuffer.allocate(xs.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (final float x : xs) {
            d.putFloat(x);
        }
        return npy("{'descr': '<f4', 'fortran_order': False, 'shape': (" + xs.length + ",), }", d.array(), 64);
    }

    @Test
    void sizesThatDisagreeAreRefused() throws IOException {
        final byte[] entry = f4Entry(1, 2, 3);
        final TensorSchemaEnforcer mlflow = TensorSchemaEnforcer.compile(F4X, Mode.MLFLOW);
        final TensorSchemaEnforcer strict = TensorSchemaEnforcer.compile(F4X, Mode.STRICT, TensorPolicy.NONE.rejectNaN());
        // the local header's sizes disagree with the directory's
        for (final boolean deflate : new boolean[] {false, true}) {
            final Zip z = new Zip().add("x.npy", entry, deflate);
            z.localSizeDelta = 1;
            final Path f = write("local" + deflate + ".npz", zip(z));
            final NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> mlflow.checkNpz(f, new TensorViolations(4)));
            assertTrue(e.getMessage().startsWith("local" + deflate + ".npz: byte 14: entry 'x.npy': the local header "
                + "declares CRC-32 "), e.getMessage());
        }
        // a deflated entry whose declared size is larger than what it inflates to: refused where it is read
        final Zip z = new Zip().add("x.npy", entry, true);
        z.sizeDelta = 4;
        final Path f = write("short.npz", zip(z));
        assertTrue(mlflow.checkNpz(f, new TensorViolations(4)), "the header alone is consistent");
        assertEquals("short.npz: byte 35: entry 'x.npy' holds " + entry.length + " bytes, the directory declares "
            + (entry.length + 4),
            assertThrows(NpyFormatException.class, () -> strict.checkNpz(f, new TensorViolations(4)))
                .getMessage());
        // smaller: it would inflate past its declared size
        z.sizeDelta = -2;
        final Path g = write("long.npz", zip(z));
        final NpyFormatException e = assertThrows(NpyFormatException.class,
            () -> strict.checkNpz(g, new TensorViolations(4)));
        assertTrue(e.getMessage().contains("the header promises 12 data bytes (shape (3,) of <f4) from byte "
            + (entry.length - 12) + " but the entry ends at byte " + (entry.length - 2)), e.getMessage());
        // a stored entry whose sizes differ
        final Zip st = new Zip().add("x.npy", entry, false);
        st.sizeDelta = 1;
        assertEquals("st.npz: byte " + (entry.length + 35 + 20) + ": stored entry 'x.npy' declares " + entry.length
            + " compressed but " + (entry.length + 1) + " uncompressed bytes",
            assertThrows(NpyFormatException.class, () -> mlflow.checkNpz(write("st.npz", zip(st)),
                new TensorViolations(4))).getMessage());
    }

    @Test
    void aCrcThatDisagreesIsRefusedWhereTheDataIsRead() throws IOException {
        final byte[] entry = f4Entry(1, 2, 3);
        final TensorSchemaEnforcer mlflow = TensorSchemaEnforcer.compile(F4X, Mode.MLFLOW);
        final TensorSchemaEnforcer strict = TensorSchemaEnforcer.compile(F4X, Mode.STRICT, TensorPolicy.NONE.rejectNaN());
        for (final boolean deflate : new boolean[] {false, true}) {
            final Zip z = new Zip().add("x.npy", entry, deflate);
            z.crcDelta = 1;
            final Path f = write("crc" + deflate + ".npz", zip(z));
            assertTrue(mlflow.checkNpz(f, new TensorViolations(4)), "MLflow mode reads the header only");
            final NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> strict.checkNpz(f, new TensorViolations(4)));
            final CRC32 crc = new CRC32();
            crc.update(entry);
            assertEquals("crc" + deflate + ".npz: byte 35: entry 'x.npy': CRC-32 " + Long.toHexString(crc.getValue())
                + " of its data is not the declared " + Long.toHexString(crc.getValue() + 1), e.getMessage());
        }
        // a stored entry whose data changed after it was written (its CRC-32 still the old one)
        final byte[] changed = entry.clone();
        changed[changed.length - 1] ^= 0x40;
        final Zip z = new Zip().add("x.npy", entry, false);
        z.replaceData = changed;
        final Path f = write("flipped.npz", zip(z));
        assertTrue(mlflow.checkNpz(f, new TensorViolations(4)));
        assertTrue(assertThrows(NpyFormatException.class, () -> strict.checkNpz(f, new TensorViolations(4)))
            .getMessage().contains(" of its data is not the declared "));
        // unchanged, both modes pass
        final Path ok = write("ok.npz", zip(new Zip().add("x.npy", entry, false)));
        assertTrue(strict.checkNpz(ok, new TensorViolations(4)));
    }

    @Test
    void mlflowModeInflatesOnlyTheHeaderOfADeflatedEntry() throws IOException {
        // 8 MiB of zeros after the header, then the deflate stream is cut short: only a reader that
        // inflates the whole entry notices
        final byte[] data = new byte[8 << 20];
        final byte[] entry = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (" + data.length / 4 + ",), }", data, 64);
        final Zip z = new Zip().add("x.npy", entry, true);
        z.truncateCompressedTo = 200;
        final Path f = write("cut.npz", zip(z));
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = mx.getCurrentThreadAllocatedBytes();
        assertTrue(TensorSchemaEnforcer.compile(F4X, Mode.MLFLOW).checkNpz(f, new TensorViolations(4)));
        assertTrue(mx.getCurrentThreadAllocatedBytes() - before < 1 << 20, "no inflation buffer of the data's size");
        final NpyFormatException e = assertThrows(NpyFormatException.class, () -> TensorSchemaEnforcer.compile(F4X, Mode.STRICT, TensorPolicy.NONE.rejectNaN()).checkNpz(f, new TensorViolations(4)));
        assertEquals("cut.npz: byte 235: entry 'x.npy': its deflate stream is truncated (no end after 200 compressed "
            + "bytes)", e.getMessage());
    }

    @Test
    void entryNamesAreKeysNeverPaths() throws IOException {
        final byte[] entry = f4Entry(1, 2, 3);
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1}, "../../etc/passwd")));
        final Path f = write("names.npz", zip(new Zip().add("../../etc/passwd.npy", entry, false)
            .add("/abs\u001b[2J.npy", entry, true)));
        assertTrue(TensorSchemaEnforcer.compile(s, Mode.STRICT, TensorPolicy.NONE.rejectNaN()).checkNpz(f,
            new TensorViolations(4)));
        final Schema z = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1}, "z")));
        final TensorViolations v = new TensorViolations(4);
        assertFalse(TensorSchemaEnforcer.compile(z, Mode.MLFLOW).checkNpz(f, v));
        assertEquals("Model is missing inputs ['z']. Note that there were extra inputs: ['../../etc/passwd', "
            + "'/abs\\x1b[2J']", v.message(0));
        // a repeated name: the last entry, as np.load reads it; 'x' before 'x.npy'
        final byte[] ints = npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", new byte[8], 64);
        final Path d = write("dup.npz", zip(new Zip().add("x.npy", entry, false).add("x.npy", ints, false)));
        final TensorViolations w = new TensorViolations(4);
        assertFalse(TensorSchemaEnforcer.compile(F4X, Mode.MLFLOW).checkNpz(d, w));
        assertEquals("dtype of input int64 does not match expected dtype float32", w.message(0));
        final Path bare = write("bare.npz", zip(new Zip().add("x", ints, false).add("x.npy", entry, false)));
        w.reset();
        assertFalse(TensorSchemaEnforcer.compile(F4X, Mode.MLFLOW).checkNpz(bare, w));
        assertEquals("dtype of input int64 does not match expected dtype float32", w.message(0));
    }

    @Test
    void missingAndExtraInputListsAreBounded() throws IOException {
        final Zip z = new Zip();
        final byte[] entry = f4Entry(1);
        for (int i = 0; i < 500; i++) {
            z.add("n" + i + "y".repeat(300) + ".npy", entry, false);
        }
        final TensorViolations v = new TensorViolations(4);
        assertFalse(TensorSchemaEnforcer.compile(F4X, Mode.MLFLOW).checkNpz(write("wide.npz", zip(z)), v));
        assertTrue(v.message(0).endsWith(" and 480 more"), v.message(0));
        assertTrue(v.message(0).length() < 3000, "length " + v.message(0).length());
    }

    @Test
    void archivesNpLoadWouldNotReadOrThatDisagreeWithThemselvesAreRefused() throws IOException {
        final byte[] entry = f4Entry(1, 2, 3);
        final TensorSchemaEnforcer mlflow = TensorSchemaEnforcer.compile(F4X, Mode.MLFLOW);
        assertEquals("junk.npz: byte 0: not a zip archive: np.load reads a .npz only when it starts with PK\\x03\\x04",
            assertThrows(NpyFormatException.class, () -> mlflow.checkNpz(write("junk.npz", entry),
                new TensorViolations(4))).getMessage());
        final byte[] good = zip(new Zip().add("x.npy", entry, false));
        assertEquals("cut.npz: byte " + (good.length - 1) + ": no end of central directory record (not a zip archive, "
            + "or truncated)", assertThrows(NpyFormatException.class, () -> mlflow.checkNpz(
                write("cut.npz", java.util.Arrays.copyOf(good, good.length - 1)), new TensorViolations(4))).getMessage());
        final Zip bz = new Zip().add("x.npy", entry, false);
        bz.method = 12;
        assertEquals("bz.npz: byte " + (entry.length + 35 + 10) + ": entry 'x.npy': compression method 12 is not supported "
            + "(stored and deflated are)", assertThrows(NpyFormatException.class, () -> mlflow.checkNpz(
                write("bz.npz", zip(bz)), new TensorViolations(4))).getMessage());
        final Zip enc = new Zip().add("x.npy", entry, true);
        enc.flags = 1;
        assertTrue(assertThrows(NpyFormatException.class, () -> mlflow.checkNpz(write("enc.npz", zip(enc)),
            new TensorViolations(4))).getMessage().endsWith("entry 'x.npy' is encrypted"));
        final Zip renamed = new Zip().add("x.npy", entry, false);
        renamed.localName = "y.npy";
        assertEquals("renamed.npz: byte 30: entry 'x.npy': the local header names another file than the directory",
            assertThrows(NpyFormatException.class, () -> mlflow.checkNpz(write("renamed.npz",
                zip(renamed)), new TensorViolations(4))).getMessage());
        // bit 3: sizes in a data descriptor after the data, which must agree with the directory
        final Zip desc = new Zip().add("x.npy", entry, false);
        desc.flags = 8;
        assertTrue(assertThrows(NpyFormatException.class, () -> mlflow.checkNpz(write("desc.npz",
            zip(desc)), new TensorViolations(4))).getMessage().endsWith("its data descriptor is missing or disagrees "
            + "with the directory"));
    }

    @Test
    void aFileTruncatedUnderAMappedScanIsACleanError() throws IOException {
        final byte[] data = new byte[1 << 20];
        final Path f = write("shrinks.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (" + data.length
            + ",), }", data, 64));
        try (NpyFile npy = NpyFile.open(f); FileChannel w = FileChannel.open(f, StandardOpenOption.WRITE)) {
            final IOException e = assertThrows(IOException.class, () -> npy.regions(1 << 20, new TensorView(),
                (region, first) -> {
                    w.truncate(0);
                    long sum = 0;
                    for (long i = 0; i < region.size(); i += 4096) {
                        sum += region.getLong(region.offsetOf(i));
                    }
                    return sum >= 0;
                }, null));
            assertEquals("shrinks.npy: the file shrank or changed while it was read (a fault in its mapped memory near "
                + "byte " + npy.dataOffset() + ")", e.getMessage());
            assertTrue(e.getCause() instanceof InternalError);
        }
    }

    // ---- a zip writer that can lie ----------------------------------------------------------------

    /** Entries to archive, and the lies to tell about the first one. */
    static final class Zip {
        final List<Object[]> entries = new ArrayList<>();
        int localSizeDelta;
        int sizeDelta;
        int crcDelta;
        byte[] replaceData;
        int truncateCompressedTo = -1;
        int method = -1;
        int flags;
        String localName;

        Zip add(final String name, final byte[] data, final boolean deflate) {
            entries.add(new Object[] {name, data, deflate});
            return this;
        }
    }

    static byte[] zip(final Zip z) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream dir = new ByteArrayOutputStream();
        for (int i = 0; i < z.entries.size(); i++) {
            final String name = (String) z.entries.get(i)[0];
            final byte[] data = (byte[]) z.entries.get(i)[1];
            final boolean deflate = (Boolean) z.entries.get(i)[2];
            final boolean first = i == 0;
            final CRC32 crc = new CRC32();
            crc.update(data);
            byte[] body = first && z.replaceData != null ? z.replaceData : data;
            if (deflate) {
                final Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
                d.setInput(body);
                d.finish();
                final byte[] buf = new byte[body.length + 1024];
                final int n = d.deflate(buf);
                d.end();
                body = java.util.Arrays.copyOf(buf, first && z.truncateCompressedTo >= 0 ? z.truncateCompressedTo : n);
            }
            final long crcValue = crc.getValue() + (first ? z.crcDelta : 0);
            final long size = data.length + (first ? z.sizeDelta : 0);
            final byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            final byte[] lnb = first && z.localName != null ? z.localName.getBytes(StandardCharsets.UTF_8) : nb;
            final short method = (short) (first && z.method >= 0 ? z.method : deflate ? 8 : 0);
            final short flags = (short) (0x800 | (first ? z.flags : 0));
            final int local = out.size();
            final ByteBuffer lh = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            lh.putInt(0x04034b50).putShort((short) 20).putShort(flags).putShort(method)
                .putInt(0).putInt((int) crcValue).putInt(body.length + (deflate ? 0 : (int) (size - data.length)))
                .putInt((int) size + (first ? z.localSizeDelta : 0)).putShort((short) lnb.length).putShort((short) 0);
            out.writeBytes(lh.array());
            out.writeBytes(lnb);
            out.writeBytes(body);
            final ByteBuffer ch = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            ch.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort(flags)
                .putShort(method).putInt(0).putInt((int) crcValue).putInt(body.length)
                .putInt((int) size).putShort((short) nb.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt(local);
            dir.writeBytes(ch.array());
            dir.writeBytes(nb);
        }
        final int dirOffset = out.size();
        out.writeBytes(dir.toByteArray());
        final ByteBuffer e = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        e.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) z.entries.size())
            .putShort((short) z.entries.size()).putInt(dir.size()).putInt(dirOffset).putShort((short) 0);
        out.writeBytes(e.array());
        return out.toByteArray();
    }
}
