package io.signet.enforce;

/**
 * Where Signet's verdict differs from MLflow's on purpose: each constant is one row of README's
 * "Deviations from MLflow" table (a test checks the table against this enum both ways). A rejection
 * that MLflow would have accepted carries its deviation; {@link #code()} (and {@link #toString()})
 * is the README code, e.g. {@code narrowing-overflow}.
 */
public enum Deviation {
    /** A value a cast to the signature's dtype would wrap (300 into uint8), or store as inf or NaT. */
    NARROWING_OVERFLOW("narrowing-overflow"),
    /** A datetime string outside the declared unit's int64 range, which numpy wraps. */
    DATETIME_ASTYPE_OVERFLOW("datetime-astype-overflow"),
    /** Strict: a number with a fraction cast into an integer dtype (MLflow truncates). */
    NARROWING_TRUNCATION("narrowing-truncation"),
    /** Strict: a 1-D object array's rows checked against {@code shape[1:]}. */
    TENSOR_RAGGED_ROW("tensor-ragged-row"),
    /** Strict, opt-in: NaN in a tensor. */
    TENSOR_NAN("tensor-nan"),
    /** Strict, opt-in: an infinity in a tensor. */
    TENSOR_INF("tensor-inf"),
    /** Strict, opt-in: NaT in a datetime tensor. */
    TENSOR_NAT("tensor-nat"),
    /** Strict, opt-in: a value outside a declared range. */
    TENSOR_RANGE("tensor-range"),
    /** Strict: a {@code <U} code point outside Unicode, or a surrogate. */
    TENSOR_UCS4("tensor-ucs4"),
    /** Strict: ill-formed UTF-8 in an ND4J UTF8 array. */
    TENSOR_UTF8("tensor-utf8"),
    /** Strict, opt-in: a bytes element longer than a declared limit. */
    TENSOR_BYTES_LENGTH("tensor-bytes-length"),
    /** Strict: a non-str cell in a string column. */
    STRICT_STRING_CELLS("strict-string-cells"),
    /** Strict: a non-bytes cell in a binary column. */
    STRICT_BINARY_CELLS("strict-binary-cells"),
    /** Strict: a non-bool cell in a boolean column. */
    STRICT_BOOLEAN_CELLS("strict-boolean-cells"),
    /** Strict: numeric strings in a double column (MLflow parses them). */
    STRICT_NUMERIC_STRINGS("strict-numeric-strings"),
    /** Strict, opt-in: NaN or an infinity in a float column. */
    NON_FINITE("non-finite");

    private final String code;

    Deviation(final String code) {
        this.code = code;
    }

    /** The README code, e.g. {@code narrowing-overflow}. */
    public String code() {
        return code;
    }

    /** The README code. */
    @Override
    public String toString() {
        return code;
    }

    /**
     * The deviation with that README code, or null for null.
     *
     * @throws IllegalArgumentException for a code README does not list
     */
    public static Deviation of(final String code) {
        if (code == null) {
            return null;
        }
        for (final Deviation d : values()) {
            if (d.code.equals(code)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a Signet deviation code: " + code);
    }

    /** {@code d.code()}, or null for null (for reports that carry the code as text). */
    public static String codeOf(final Deviation d) {
        return d == null ? null : d.code;
    }
}
