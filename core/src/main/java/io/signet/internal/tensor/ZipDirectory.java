package io.signet.internal.tensor;

import io.signet.tensor.NpyFormatException;
import io.signet.tensor.NpyFile.NpyLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive (a {@code .npz}), read from its central directory and cross-checked,
 * so that every byte Signet reads is one the archive declares consistently. Entry names are only
 * keys and message text, never file-system paths.
 *
 * <pre>
 *   local header (0x04034b50) per entry: flags, method, CRC-32, sizes, name, extra; the data follows
 *   [data descriptor (0x08074b50): CRC-32 and sizes, when flag bit 3 is set]
 *   central directory header (0x02014b50) per entry: the same fields, the local header's offset
 *     (0xFFFFFFFF sizes/offset: the ZIP64 extra field 0x0001 holds them, in that order)
 *   [ZIP64 end record (0x06064b50) and its locator (0x07064b50)]
 *   end of central directory (0x06054b50): entry count, directory size and offset, comment
 * </pre>
 *
 * <p>Refused, as {@link NpyFormatException} with the byte offset: a file that does not start as a
 * zip (np.load would not read it as one), no end record, a directory outside the file or not ending
 * at the end record, an entry count that disagrees with the directory, split archives, encrypted
 * entries, methods other than stored (0) and deflated (8), a stored entry whose compressed and
 * uncompressed sizes differ, names that are not valid UTF-8 when flagged so, more than
 * {@link NpyLimits#maxEntries()} entries. For an entry that is read: a local header whose name,
 * method, CRC-32 or sizes disagree with the directory (or, with bit 3, a data descriptor that does),
 * data running into the directory or past the end of the file; and while reading
 * ({@link #open}): data that inflates to another size than declared, a CRC-32 that disagrees, a
 * deflate stream that ends before or after its compressed size.
 */
public final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final long U32 = 0xFFFFFFFFL;
    private static final int CHUNK = 1 << 14;
    /** The largest central directory read (into the heap): 64 MiB, 65,536 entries of 1 KiB. */
    private static final long MAX_DIRECTORY = 64L << 20;

    /** An entry as the central directory declares it. */
    public static final class Entry {
        private final String name;
        private final byte[] rawName;
        private final int flags;
        private final int method;
        private final long crc;
        private final long compressedSize;
        private final long size;
        private final long localOffset;
        private long dataOffset = -1;

        Entry(final String name, final byte[] rawName, final int flags, final int method, final long crc,
              final long compressedSize, final long size, final long localOffset) {
            this.name = name;
            this.rawName = rawName;
            this.flags = flags;
            this.method = method;
            this.crc = crc;
            this.compressedSize = compressedSize;
            this.size = size;
            this.localOffset = localOffset;
        }

        public String name() {
            return name;
        }

        /** True for a stored (uncompressed) entry: its bytes can be mapped in place. */
        public boolean stored() {
            return method == 0;
        }

        public long crc() {
            return crc;
        }

        public long compressedSize() {
            return compressedSize;
        }

        /** The uncompressed size the directory declares. */
        public long size() {
            return size;
        }

        /** The data's first byte in the file (after {@link ZipDirectory#locate}). */
        public long dataOffset() {
            return dataOffset;
        }
    }

    private final String archive;
    private final FileChannel ch;
    private final long fileSize;
    private final long dirOffset;
    private final List<Entry> entries;
    private final Map<String, Entry> byName;

    private ZipDirectory(final String archive, final FileChannel ch, final long fileSize, final long dirOffset,
                         final List<Entry> entries) {
        this.archive = archive;
        this.ch = ch;
        this.fileSize = fileSize;
        this.dirOffset = dirOffset;
        this.entries = Collections.unmodifiableList(entries);
        this.byName = new HashMap<>();
        for (final Entry e : entries) {
            byName.put(e.name, e); // as Python's zipfile: the last entry of a repeated name wins
        }
    }

    /** The entries in directory order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The entry of that exact name (the last one when the name repeats), or null. */
    public Entry get(final String name) {
        return byName.get(name);
    }

    /** Reads and checks the archive's directory (the file must start as a zip, as np.load requires). */
    public static ZipDirectory read(final FileChannel ch, final String archive, final NpyLimits limits)
        throws IOException {
        final long fileSize = ch.size();
        final ByteBuffer head = readAt(ch, 0, (int) Math.min(fileSize, 4));
        final int magic = head.limit() == 4 ? head.getInt(0) : 0;
        if (magic != LOCAL && magic != EOCD) {
            throw new NpyFormatException(archive, 0, "not a zip archive: np.load reads a .npz only when it starts "
                + "with PK\\x03\\x04");
        }
        final End end = end(ch, archive, fileSize);
        if (end.count < 0 || end.count > limits.maxEntries()) {
            throw new NpyFormatException(archive, end.at, "the archive declares " + end.count
                + " entries, exceeds limit maxEntries=" + limits.maxEntries());
        }
        if (end.dirOffset < 0 || end.dirSize < 0 || end.dirOffset > end.dirEnd
            || end.dirSize != end.dirEnd - end.dirOffset) {
            throw new NpyFormatException(archive, end.at, "the central directory [" + end.dirOffset + ", +"
                + end.dirSize + ") does not end where the end record starts (byte " + end.dirEnd + ")");
        }
        // the directory is read into memory: bounded by the file's real size, what its entries can
        // take, and MAX_DIRECTORY
        if (end.dirSize > end.count * (46L + 3 * 0xFFFF) || end.dirSize > MAX_DIRECTORY) {
            throw new NpyFormatException(archive, end.dirOffset, "a central directory of " + end.dirSize
                + " bytes for " + end.count + " entries (at most " + MAX_DIRECTORY + " bytes are read)");
        }
        final ByteBuffer dir = readAt(ch, end.dirOffset, (int) end.dirSize);
        final List<Entry> out = new ArrayList<>((int) Math.min(end.count, 1024));
        int p = 0;
        for (long i = 0; i < end.count; i++) {
            p = central(archive, dir, p, end, i, out);
        }
        if (p != end.dirSize) {
            throw new NpyFormatException(archive, end.dirOffset + p, "the central directory has " + (end.dirSize - p)
                + " bytes after its " + end.count + " declared entries");
        }
        return new ZipDirectory(archive, ch, fileSize, end.dirOffset, out);
    }

    /** The end of central directory record (and its ZIP64 form): entry count, directory size and place. */
    private static final class End {
        long at;
        long count;
        long dirSize;
        long dirOffset;
        long dirEnd;
    }

    private static End end(final FileChannel ch, final String archive, final long fileSize) throws IOException {
        if (fileSize < 22) {
            throw new NpyFormatException(archive, fileSize, "truncated: no end of central directory record");
        }
        final int tailLen = (int) Math.min(fileSize, 22 + 0xFFFF);
        final long tailAt = fileSize - tailLen;
        final ByteBuffer tail = readAt(ch, tailAt, tailLen);
        int eocd = -1;
        for (int p = tailLen - 22; p >= 0; p--) {
            if (tail.getInt(p) == EOCD && p + 22 + (tail.getShort(p + 20) & 0xFFFF) == tailLen) {
                eocd = p;
                break;
            }
        }
        if (eocd < 0) {
            throw new NpyFormatException(archive, fileSize, "no end of central directory record (not a zip "
                + "archive, or truncated)");
        }
        final End e = new End();
        e.at = tailAt + eocd;
        if ((tail.getShort(eocd + 4) & 0xFFFF) != 0 || (tail.getShort(eocd + 6) & 0xFFFF) != 0
            || tail.getShort(eocd + 8) != tail.getShort(eocd + 10)) {
            throw new NpyFormatException(archive, e.at, "split (multi-disk) zip archives are not supported");
        }
        e.count = tail.getShort(eocd + 10) & 0xFFFF;
        e.dirSize = tail.getInt(eocd + 12) & U32;
        e.dirOffset = tail.getInt(eocd + 16) & U32;
        e.dirEnd = e.at;
        if (e.count == 0xFFFF || e.dirSize == U32 || e.dirOffset == U32) {
            final long locator = e.at - 20;
            if (locator < 0 || readAt(ch, locator, 20).getInt(0) != ZIP64_LOCATOR) {
                throw new NpyFormatException(archive, e.at, "the end record asks for ZIP64 values but there is "
                    + "no ZIP64 locator before it");
            }
            final long z = readAt(ch, locator, 20).getLong(8);
            if (z < 0 || z > locator - 56) {
                throw new NpyFormatException(archive, locator, "the ZIP64 end record's offset " + z
                    + " lies outside the file");
            }
            final ByteBuffer z64 = readAt(ch, z, 56);
            if (z64.getInt(0) != ZIP64_EOCD) {
                throw new NpyFormatException(archive, z, "no ZIP64 end record where its locator points");
            }
            e.count = z64.getLong(32);
            if (e.count != z64.getLong(24)) {
                throw new NpyFormatException(archive, z, "split (multi-disk) zip archives are not supported");
            }
            e.dirSize = z64.getLong(40);
            e.dirOffset = z64.getLong(48);
            e.dirEnd = z;
        }
        return e;
    }

    /** One central directory record at {@code dir[p]}, checked, added to {@code out}: the next record's position. */
    private static int central(final String archive, final ByteBuffer dir, final int p, final End end, final long i,
                               final List<Entry> out) {
        final long at = end.dirOffset + p;
        if (p + 46 > end.dirSize || dir.getInt(p) != CENTRAL) {
            throw new NpyFormatException(archive, at, "central directory entry " + i + " of " + end.count
                + " is missing or damaged");
        }
        final int flags = dir.getShort(p + 8) & 0xFFFF;
        final int method = dir.getShort(p + 10) & 0xFFFF;
        final long crc = dir.getInt(p + 16) & U32;
        long csize = dir.getInt(p + 20) & U32;
        long size = dir.getInt(p + 24) & U32;
        final int nameLen = dir.getShort(p + 28) & 0xFFFF;
        final int extraLen = dir.getShort(p + 30) & 0xFFFF;
        final int commentLen = dir.getShort(p + 32) & 0xFFFF;
        long local = dir.getInt(p + 42) & U32;
        final int next = p + 46 + nameLen + extraLen + commentLen;
        if (next > end.dirSize) {
            throw new NpyFormatException(archive, at, "central directory entry " + i + " runs past the directory");
        }
        final byte[] raw = new byte[nameLen];
        dir.get(p + 46, raw);
        final String name = decodeName(archive, at, raw, flags);
        // ZIP64 extra field: the 64-bit values of the fields that are 0xFFFFFFFF, in this order
        final boolean wantSize = size == U32;
        final boolean wantCsize = csize == U32;
        final boolean wantLocal = local == U32;
        int got = 0;
        int x = p + 46 + nameLen;
        final int xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            final int id = dir.getShort(x) & 0xFFFF;
            final int len = dir.getShort(x + 2) & 0xFFFF;
            if (x + 4 + len > xEnd) {
                break;
            }
            if (id == 0x0001) {
                int q = x + 4;
                final int qEnd = q + len;
                if (wantSize && q + 8 <= qEnd) {
                    size = dir.getLong(q);
                    q += 8;
                    got |= 1;
                }
                if (wantCsize && q + 8 <= qEnd) {
                    csize = dir.getLong(q);
                    q += 8;
                    got |= 2;
                }
                if (wantLocal && q + 8 <= qEnd) {
                    local = dir.getLong(q);
                    got |= 4;
                }
            }
            x += 4 + len;
        }
        final int wanted = (wantSize ? 1 : 0) | (wantCsize ? 2 : 0) | (wantLocal ? 4 : 0);
        if (got != wanted || size < 0 || csize < 0 || local < 0) {
            throw new NpyFormatException(archive, at, "entry " + NpyFormatException.quote(name, 80)
                + ": its ZIP64 sizes or offset are missing or negative");
        }
        if ((flags & 0x41) != 0) {
            throw new NpyFormatException(archive, at + 8, "entry " + NpyFormatException.quote(name, 80)
                + " is encrypted");
        }
        if (method != 0 && method != 8) {
            throw new NpyFormatException(archive, at + 10, "entry " + NpyFormatException.quote(name, 80)
                + ": compression method " + method + " is not supported (stored and deflated are)");
        }
        if (method == 0 && csize != size) {
            throw new NpyFormatException(archive, at + 20, "stored entry " + NpyFormatException.quote(name, 80)
                + " declares " + csize + " compressed but " + size + " uncompressed bytes");
        }
        if (local > end.dirOffset - 30 || csize > end.dirOffset) {
            throw new NpyFormatException(archive, at + 42, "entry " + NpyFormatException.quote(name, 80)
                + ": its local header offset " + local + " or size " + csize + " lies past the directory");
        }
        out.add(new Entry(name, raw, flags, method, crc, csize, size, local));
        return next;
    }

    private static String decodeName(final String archive, final long at, final byte[] raw, final int flags) {
        final Charset cs = (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : cp437();
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (final CharacterCodingException e) {
            throw new NpyFormatException(archive, at + 46, "an entry name is not valid UTF-8 (flag bit 11 says it is)");
        }
    }

    /** Python's zipfile reads names without the UTF-8 flag as code page 437. */
    private static Charset cp437() {
        try {
            return Charset.forName("IBM437");
        } catch (final IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /**
     * Checks an entry's local header (and data descriptor) against the directory and sets
     * {@link Entry#dataOffset()}.
     */
    public Entry locate(final Entry e) throws IOException {
        if (e.dataOffset >= 0) {
            return e;
        }
        final String what = "entry " + NpyFormatException.quote(e.name, 80);
        final ByteBuffer lh = readAt(ch, e.localOffset, 30);
        if (lh.limit() < 30 || lh.getInt(0) != LOCAL) {
            throw new NpyFormatException(archive, e.localOffset, what + ": no local header where the directory "
                + "points");
        }
        final int flags = lh.getShort(6) & 0xFFFF;
        final int method = lh.getShort(8) & 0xFFFF;
        final long crc = lh.getInt(14) & U32;
        long csize = lh.getInt(18) & U32;
        long size = lh.getInt(22) & U32;
        final int nameLen = lh.getShort(26) & 0xFFFF;
        final int extraLen = lh.getShort(28) & 0xFFFF;
        final long data = e.localOffset + 30 + nameLen + extraLen;
        if (data > dirOffset) {
            throw new NpyFormatException(archive, e.localOffset, what + ": its local header runs into the directory");
        }
        final ByteBuffer var = readAt(ch, e.localOffset + 30, nameLen + extraLen);
        final byte[] raw = new byte[nameLen];
        var.get(0, raw);
        if (!java.util.Arrays.equals(raw, e.rawName)) {
            throw new NpyFormatException(archive, e.localOffset + 30, what + ": the local header names another "
                + "file than the directory");
        }
        if (method != e.method || (flags & 0x08) != (e.flags & 0x08)) {
            throw new NpyFormatException(archive, e.localOffset + 6, what + ": the local header's method or flags "
                + "disagree with the directory");
        }
        if (csize == U32 || size == U32) {
            int x = nameLen;
            final int xEnd = nameLen + extraLen;
            while (x + 4 <= xEnd) {
                final int id = var.getShort(x) & 0xFFFF;
                final int len = var.getShort(x + 2) & 0xFFFF;
                if (id == 0x0001 && len >= 16 && x + 4 + len <= xEnd) {
                    size = size == U32 ? var.getLong(x + 4) : size;
                    csize = csize == U32 ? var.getLong(x + 12) : csize;
                }
                x += 4 + len;
            }
        }
        if ((flags & 0x08) == 0) {
            if (crc != e.crc || csize != e.compressedSize || size != e.size) {
                throw new NpyFormatException(archive, e.localOffset + 14, what + ": the local header declares CRC-32 "
                    + Long.toHexString(crc) + " and sizes " + csize + "/" + size + ", the directory "
                    + Long.toHexString(e.crc) + " and " + e.compressedSize + "/" + e.size);
            }
        }
        if (e.compressedSize > dirOffset - data) {
            throw new NpyFormatException(archive, data, what + ": its " + e.compressedSize + " bytes of data run "
                + "into the central directory at byte " + dirOffset);
        }
        if ((flags & 0x08) != 0) {
            descriptor(e, what, data + e.compressedSize);
        }
        e.dataOffset = data;
        return e;
    }

    /**
     * A data descriptor after the data (bit 3): its CRC-32 and sizes must be the directory's. The
     * signature is optional and the sizes are 4 or 8 bytes (Python writes 8 for entries it opened
     * with force_zip64, as np.savez does), so each form is tried.
     */
    private void descriptor(final Entry e, final String what, final long at) throws IOException {
        final ByteBuffer d = readAt(ch, at, (int) Math.min(24, dirOffset - at));
        for (final int q : new int[] {4, 0}) {
            if (q == 4 && (d.limit() < 4 || d.getInt(0) != DESCRIPTOR)) {
                continue;
            }
            for (final int wide : new int[] {4, 8}) {
                if (q + 4 + 2 * wide > d.limit()) {
                    continue;
                }
                final long crc = d.getInt(q) & U32;
                final long csize = wide == 8 ? d.getLong(q + 4) : d.getInt(q + 4) & U32;
                final long size = wide == 8 ? d.getLong(q + 4 + wide) : d.getInt(q + 4 + wide) & U32;
                if (crc == e.crc && csize == e.compressedSize && size == e.size) {
                    return;
                }
            }
        }
        throw new NpyFormatException(archive, at, what + ": its data descriptor is missing or disagrees with the "
            + "directory");
    }

    /**
     * The entry's uncompressed bytes. Reading to the end verifies the declared size and CRC-32 (a
     * mismatch throws {@link NpyFormatException}); a deflated entry is inflated as it is read, never
     * past its declared size, through buffers of {@value #CHUNK} bytes.
     */
    public InputStream open(final Entry e) throws IOException {
        locate(e);
        return e.method == 0 ? new Stored(e) : new Deflated(e);
    }

    /** The CRC-32 of the entry's bytes {@code [from, to)} (stored entries), read through a small buffer. */
    public void crc(final Entry e, final long from, final long to, final CRC32 crc) throws IOException {
        locate(e);
        final ByteBuffer b = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(0, to - from)));
        long pos = e.dataOffset + from;
        final long end = e.dataOffset + to;
        while (pos < end) {
            b.clear().limit((int) Math.min(b.capacity(), end - pos));
            final int r = ch.read(b, pos);
            if (r < 0) {
                throw new NpyFormatException(archive, pos, "the file ends inside entry " + NpyFormatException.quote(
                    e.name, 80));
            }
            b.flip();
            crc.update(b);
            pos += r;
        }
    }

    /** Refuses an entry whose bytes' CRC-32 is not the declared one. */
    public void checkCrc(final Entry e, final long actual) {
        if (actual != e.crc) {
            throw new NpyFormatException(archive, e.dataOffset, "entry " + NpyFormatException.quote(e.name, 80)
                + ": CRC-32 " + Long.toHexString(actual) + " of its data is not the declared "
                + Long.toHexString(e.crc));
        }
    }

    private abstract class EntryStream extends InputStream {
        final Entry e;
        final CRC32 crc = new CRC32();
        long produced;
        boolean verified;

        EntryStream(final Entry e) {
            this.e = e;
        }

        @Override
        public int read() throws IOException {
            final byte[] one = new byte[1];
            final int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        void verify() {
            if (produced != e.size) {
                throw new NpyFormatException(archive, e.dataOffset, "entry " + NpyFormatException.quote(e.name, 80)
                    + " holds " + produced + " bytes, the directory declares " + e.size);
            }
            checkCrc(e, crc.getValue());
            verified = true;
        }
    }

    private final class Stored extends EntryStream {
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK);

        Stored(final Entry e) {
            super(e);
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException {
            if (produced == e.size) {
                if (!verified) {
                    verify();
                }
                return -1;
            }
            final int n = (int) Math.min(Math.min(len, CHUNK), e.size - produced);
            buf.clear().limit(n);
            final int r = ch.read(buf, e.dataOffset + produced);
            if (r <= 0) {
                throw new NpyFormatException(archive, e.dataOffset + produced, "the file ends inside entry "
                    + NpyFormatException.quote(e.name, 80));
            }
            buf.flip();
            buf.get(b, off, r);
            crc.update(b, off, r);
            produced += r;
            return r;
        }
    }

    private final class Deflated extends EntryStream {
        private final Inflater inflater = new Inflater(true);
        private final ByteBuffer in = ByteBuffer.allocate(CHUNK);
        private long consumed;

        Deflated(final Entry e) {
            super(e);
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (inflater.finished()) {
                    if (!verified) {
                        consumed -= inflater.getRemaining();
                        if (consumed != e.compressedSize) {
                            throw new NpyFormatException(archive, e.dataOffset + consumed, "entry "
                                + NpyFormatException.quote(e.name, 80) + ": its deflate stream ends after " + consumed
                                + " of " + e.compressedSize + " compressed bytes");
                        }
                        verify();
                    }
                    return -1;
                }
                if (inflater.needsInput()) {
                    if (consumed >= e.compressedSize) {
                        throw new NpyFormatException(archive, e.dataOffset + consumed, "entry "
                            + NpyFormatException.quote(e.name, 80) + ": its deflate stream is truncated (no end after "
                            + e.compressedSize + " compressed bytes)");
                    }
                    in.clear().limit((int) Math.min(CHUNK, e.compressedSize - consumed));
                    final int r = ch.read(in, e.dataOffset + consumed);
                    if (r <= 0) {
                        throw new NpyFormatException(archive, e.dataOffset + consumed, "the file ends inside entry "
                            + NpyFormatException.quote(e.name, 80));
                    }
                    in.flip();
                    inflater.setInput(in);
                    consumed += r;
                }
                if (inflater.needsDictionary()) {
                    throw new NpyFormatException(archive, e.dataOffset, "entry " + NpyFormatException.quote(e.name, 80)
                        + ": its deflate stream needs a preset dictionary");
                }
                // never inflate past the declared size (a zip bomb stops here)
                final int want = (int) Math.min(len, e.size - produced + 1);
                final int n;
                try {
                    n = inflater.inflate(b, off, want);
                } catch (final DataFormatException x) {
                    throw new NpyFormatException(archive, e.dataOffset + consumed, "entry "
                        + NpyFormatException.quote(e.name, 80) + ": corrupt deflate data");
                }
                if (n > 0) {
                    produced += n;
                    if (produced > e.size) {
                        throw new NpyFormatException(archive, e.dataOffset + consumed, "entry "
                            + NpyFormatException.quote(e.name, 80) + " inflates past its declared " + e.size + " bytes");
                    }
                    crc.update(b, off, n);
                    return n;
                }
            }
        }

        @Override
        public void close() {
            inflater.end();
        }
    }

    private static ByteBuffer readAt(final FileChannel ch, final long pos, final int len) throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }
}
