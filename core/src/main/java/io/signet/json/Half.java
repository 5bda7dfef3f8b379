package io.signet.json;

/** IEEE 754 binary16 conversions (round to nearest even), as numpy's float16. */
final class Half {
    private Half() {
    }

    static short fromFloat(final float f) {
        final int bits = Float.floatToRawIntBits(f);
        final int sign = (bits >>> 16) & 0x8000;
        final int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        }
        final int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            final int shift = 14 - e;
            int h = mant >> shift;
            final int rem = mant & ((1 << shift) - 1);
            final int half = 1 << (shift - 1);
            if (rem > half || (rem == half && (h & 1) != 0)) {
                h++;
            }
            return (short) (sign | h);
        }
        int h = (e << 10) | (mant >> 13);
        final int rem = mant & 0x1FFF;
        if (rem > 0x1000 || (rem == 0x1000 && (h & 1) != 0)) {
            h++;
        }
        return (short) (sign | h);
    }

    static float toFloat(final short hbits) {
        final int h = hbits & 0xFFFF;
        final int sign = (h & 0x8000) << 16;
        final int exp = (h >>> 10) & 0x1F;
        final int mant = h & 0x3FF;
        if (exp == 0) {
            final float v = mant * 5.9604645e-8f;
            return sign == 0 ? v : -v;
        }
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
