package io.signet.validate;

import io.signet.tensor.DType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes {@code .npy} files (format 1.0) as numpy does: magic, header dict padded to 64 bytes, data. */
public final class NpyWriter {
    private NpyWriter() {
    }

    /** The header bytes (magic to newline) of an array of that dtype and shape, C order. */
    public static byte[] header(final DType dtype, final long[] shape, final boolean fortran) {
        final StringBuilder s = new StringBuilder("{'descr': '").append(dtype.descr()).append("', 'fortran_order': ")
            .append(fortran ? "True" : "False").append(", 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                s.append(shape.length == 1 ? "," : ", ");
            }
        }
        s.append("), }");
        final int prefix = 10;
        int total = prefix + s.length() + 1;
        final int pad = (64 - total % 64) % 64;
        s.append(" ".repeat(pad)).append('\n');
        final byte[] dict = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        final ByteBuffer b = ByteBuffer.allocate(prefix + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) dict.length).put(dict);
        return b.array();
    }

    /** Writes a whole file: header then {@code data} (already in the dtype's byte layout). */
    public static void write(final Path file, final DType dtype, final long[] shape, final ByteBuffer data)
        throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(header(dtype, shape, false)));
            while (data.hasRemaining()) {
                ch.write(data);
            }
        }
    }
}
