package io.signet.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the bytes of each stored (uncompressed) entry of a zip archive lie in the file, so that a
 * {@code .npz} entry written by {@code np.savez} can be memory-mapped in place instead of streamed.
 *
 * <pre>
 *   end of central directory (EOCD, 0x06054b50): entry count, directory size and offset
 *     (0xFFFF / 0xFFFFFFFF there: read the ZIP64 EOCD through its locator, 0x07064b50 / 0x06064b50)
 *   central directory header (0x02014b50) per entry: flags, method, sizes, local header offset, name
 *     (0xFFFFFFFF sizes/offset: the ZIP64 extra field 0x0001 holds them, in that order)
 *   local header (0x04034b50): name and extra lengths; the data follows them
 * </pre>
 *
 * <p>Only entries that are stored (method 0), unencrypted, with equal compressed and uncompressed
 * sizes and whose data lies inside the file are reported; anything else (deflated entries,
 * unusual or inconsistent archives) is left to the streaming path, which reads through
 * {@link java.util.zip.ZipFile}. The CRC of a mapped entry is not verified: the .npy header and
 * the bounds checks decide what is read.
 */
public final class ZipStoredEntries {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long U32 = 0xFFFFFFFFL;
    /** Largest central directory read into memory; larger ones stream every entry. */
    private static final long MAX_DIRECTORY = 64L << 20;

    /** A stored entry: its data occupies {@code [dataOffset, dataOffset + size)} of the file. */
    public static final class Entry {
        private final String name;
        private final long dataOffset;
        private final long size;

        Entry(final String name, final long dataOffset, final long size) {
            this.name = name;
            this.dataOffset = dataOffset;
            this.size = size;
        }

        public String name() {
            return name;
        }

        public long dataOffset() {
            return dataOffset;
        }

        public long size() {
            return size;
        }
    }

    private ZipStoredEntries() {
    }

    /**
     * The stored entries of the archive by name (empty when the archive is not one this reader
     * understands: the caller then streams).
     */
    public static Map<String, Entry> read(final FileChannel ch) throws IOException {
        final Map<String, Entry> out = new LinkedHashMap<>();
        final long fileSize = ch.size();
        if (fileSize < 22) {
            return out;
        }
        final int tailLen = (int) Math.min(fileSize, 22 + 0xFFFF);
        final ByteBuffer tail = readAt(ch, fileSize - tailLen, tailLen);
        int eocd = -1;
        for (int p = tailLen - 22; p >= 0; p--) {
            if (tail.getInt(p) == EOCD && p + 22 + (tail.getShort(p + 20) & 0xFFFF) == tailLen) {
                eocd = p;
                break;
            }
        }
        if (eocd < 0) {
            return out;
        }
        long entries = tail.getShort(eocd + 10) & 0xFFFF;
        long dirSize = tail.getInt(eocd + 12) & U32;
        long dirOffset = tail.getInt(eocd + 16) & U32;
        if (entries == 0xFFFF || dirSize == U32 || dirOffset == U32) {
            final long locator = fileSize - tailLen + eocd - 20;
            if (locator < 0) {
                return out;
            }
            final ByteBuffer loc = readAt(ch, locator, 20);
            if (loc.getInt(0) != ZIP64_LOCATOR) {
                return out;
            }
            final long z = loc.getLong(8);
            if (z < 0 || z + 56 > fileSize) {
                return out;
            }
            final ByteBuffer z64 = readAt(ch, z, 56);
            if (z64.getInt(0) != ZIP64_EOCD) {
                return out;
            }
            entries = z64.getLong(32);
            dirSize = z64.getLong(40);
            dirOffset = z64.getLong(48);
        }
        if (dirSize < 0 || dirOffset < 0 || dirSize > MAX_DIRECTORY || dirOffset + dirSize > fileSize) {
            return out;
        }
        final ByteBuffer dir = readAt(ch, dirOffset, (int) dirSize);
        int p = 0;
        for (long e = 0; e < entries; e++) {
            if (p + 46 > dirSize || dir.getInt(p) != CENTRAL) {
                return new LinkedHashMap<>();
            }
            final int flags = dir.getShort(p + 8) & 0xFFFF;
            final int method = dir.getShort(p + 10) & 0xFFFF;
            long csize = dir.getInt(p + 20) & U32;
            long size = dir.getInt(p + 24) & U32;
            final int nameLen = dir.getShort(p + 28) & 0xFFFF;
            final int extraLen = dir.getShort(p + 30) & 0xFFFF;
            final int commentLen = dir.getShort(p + 32) & 0xFFFF;
            long local = dir.getInt(p + 42) & U32;
            final int next = p + 46 + nameLen + extraLen + commentLen;
            if (next > dirSize) {
                return new LinkedHashMap<>();
            }
            final byte[] nb = new byte[nameLen];
            dir.get(p + 46, nb);
            final String name = new String(nb, StandardCharsets.UTF_8);
            // ZIP64 extra field: the 64-bit values of the fields that are 0xFFFFFFFF, in this order
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
                    if (size == U32 && q + 8 <= x + 4 + len) {
                        size = dir.getLong(q);
                        q += 8;
                    }
                    if (csize == U32 && q + 8 <= x + 4 + len) {
                        csize = dir.getLong(q);
                        q += 8;
                    }
                    if (local == U32 && q + 8 <= x + 4 + len) {
                        local = dir.getLong(q);
                    }
                }
                x += 4 + len;
            }
            p = next;
            if (method != 0 || (flags & 1) != 0 || csize != size || size < 0 || local < 0 || local + 30 > fileSize) {
                continue;
            }
            final ByteBuffer lh = readAt(ch, local, 30);
            if (lh.getInt(0) != LOCAL) {
                continue;
            }
            final long data = local + 30 + (lh.getShort(26) & 0xFFFF) + (lh.getShort(28) & 0xFFFF);
            if (data + size > fileSize || data + size > dirOffset && data < dirOffset + dirSize) {
                continue;
            }
            out.put(name, new Entry(name, data, size));
        }
        return out;
    }

    private static ByteBuffer readAt(final FileChannel ch, final long pos, final int len) throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        b.clear();
        return b;
    }
}
