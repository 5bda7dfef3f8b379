package io.signet.enforce;

import io.signet.column.ColumnBatch;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.Schema;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A column of timezone-aware datetime objects (M10, in process): pandas 1.5 under MLflow 2.17.2 converts
 * them to UTC and drops the zone (the oracle's result for 2020-01-01T00:00+01:00 is 2019-12-31T23:00);
 * pandas 2 refuses the astype and MLflow 3.6 answers INVALID_PARAMETER_VALUE with its own sentence.
 */
class AwareDatetimeTest {
    private static final Schema SCHEMA = new Schema(List.of(new ColSpec(DataType.DATETIME, "t", true)));

    private static long nanos(final LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
    }

    @Test
    void mlflow2ConvertsToUtcAndDropsTheZone() {
        final Map<String, Object> in = Map.of("t", Arrays.asList(
            OffsetDateTime.parse("2020-01-01T00:00:00+01:00"), null, OffsetDateTime.parse("2020-06-01T12:30:00+01:00")));
        try (ColumnBatch b = ColumnEnforcer.compile(SCHEMA, Mode.MLFLOW, Profile.MLFLOW_2).enforceInput(in)) {
            assertEquals("datetime64[ns]", b.column(0).dtype().toString());
            assertEquals(nanos(LocalDateTime.parse("2019-12-31T23:00:00")), b.column(0).getLong(0));
            assertTrue(b.column(0).isNull(1));
            assertEquals(nanos(LocalDateTime.parse("2020-06-01T11:30:00")), b.column(0).getLong(2));
        }
    }

    @Test
    void mlflow3RefusesAwareObjects() {
        final Map<String, Object> in = Map.of("t", List.of(OffsetDateTime.parse("2020-01-01T00:00:00Z")));
        final SchemaEnforcementException e = assertThrows(SchemaEnforcementException.class,
            () -> ColumnEnforcer.compile(SCHEMA, Mode.MLFLOW, Profile.MLFLOW_3).enforceInput(in).close());
        assertTrue(e.getMessage().contains("Please ensure that the input data of datetime column only contains "
            + "timezone-naive datetime objects. Error: Cannot use .astype to convert from timezone-aware dtype to "
            + "timezone-naive dtype."), e.getMessage());
        assertEquals("INVALID_PARAMETER_VALUE", e.errorCode());
    }
}
