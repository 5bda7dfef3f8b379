package io.signet.internal.tensor;

import io.signet.tensor.DType;

import java.math.BigInteger;

/** Python's {@code int(str)} and {@code float(str)} for the casts numpy performs on strings. */
public final class PyNum {
    private PyNum() {
    }

    /** {@code float(s)}; NaN-boxed failure is signalled by {@link NumberFormatException}. */
    public static double parseFloat(final String s0) {
        final String s = s0.strip().replace("_", "");
        if (s.isEmpty() || s0.contains("__") || s0.strip().startsWith("_") || s0.strip().endsWith("_")) {
            throw new NumberFormatException(s0);
        }
        final String l = s.toLowerCase(java.util.Locale.ROOT);
        final String body = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
        final boolean neg = l.startsWith("-");
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.equals("inf") || body.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        // Python's grammar: digits [. digits] [e [+-] digits], no hex, no type suffix
        int i = 0;
        final int n = body.length();
        int digits = 0;
        while (i < n && Character.isDigit(body.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && body.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(body.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            throw new NumberFormatException(s0);
        }
        if (i < n && body.charAt(i) == 'e') {
            i++;
            if (i < n && (body.charAt(i) == '+' || body.charAt(i) == '-')) {
                i++;
            }
            final int es = i;
            while (i < n && Character.isDigit(body.charAt(i))) {
                i++;
            }
            if (i == es) {
                throw new NumberFormatException(s0);
            }
        }
        if (i != n) {
            throw new NumberFormatException(s0);
        }
        return Double.parseDouble(l);
    }

    /** {@code int(s)} in base 10. */
    public static BigInteger parseInt(final String s0) {
        final String s = s0.strip();
        if (s.isEmpty() || s.contains("__") || s.endsWith("_")) {
            throw new NumberFormatException(s0);
        }
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i = 1;
        }
        if (i >= s.length() || s.charAt(i) == '_') {
            throw new NumberFormatException(s0);
        }
        for (int j = i; j < s.length(); j++) {
            final char c = s.charAt(j);
            if (!(c >= '0' && c <= '9') && c != '_') {
                throw new NumberFormatException(s0);
            }
        }
        return new BigInteger(s.replace("_", "").replace("+", ""));
    }
}
