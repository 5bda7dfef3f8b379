package io.signet.conformance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;

/** The corpus format's plain cell helpers, shared by the tensor and column case decoders. */
final class Cells {
    /** Returned when the key is not one of the plain cell helpers. */
    static final Object NOT_A_CELL = new Object();

    private Cells() {
    }

    /** {@code {"bytes_b64"}}, {@code {"datetime"}}, {@code {"date"}}, {@code {"decimal"}} as Java values. */
    static Object decode(final String key, final Object v) {
        switch (key) {
            case "bytes_b64":
                return Base64.getDecoder().decode((String) v);
            case "datetime":
                return LocalDateTime.parse((String) v);
            case "date":
                return LocalDate.parse((String) v);
            case "decimal":
                return new BigDecimal((String) v);
            default:
                return NOT_A_CELL;
        }
    }
}
