package io.signet.schema;

import io.signet.py.PyJson;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ParamSpec(name, DataType[type], default, shape)} as MLflow 2.17.2 builds it (expectations
 * printed by the oracle's MLflow): the converted default in {@code to_dict()}, {@code repr()}, and
 * each message for a default MLflow refuses.
 */
class ParamSpecTest {
    private final List<String> problems = new ArrayList<>();

    private static ParamSpec make(final String name, final String type, final String defaultJson, final long[] shape)
        throws Exception {
        return new ParamSpec(name, DataType.byName(type), PyJson.loads(defaultJson), shape);
    }

    private void ok(final String name, final String type, final String defaultJson, final long[] shape,
                    final String toDict, final String repr) throws Exception {
        final ParamSpec p;
        try {
            p = make(name, type, defaultJson, shape);
        } catch (final SignatureException e) {
            problems.add(type + " " + defaultJson + ": refused: " + e.getMessage());
            return;
        }
        if (!toDict.equals(PyJson.dumps(p.toJson()))) {
            problems.add(type + " " + defaultJson + ": to_dict " + PyJson.dumps(p.toJson()) + " expected " + toDict);
        }
        if (!repr.equals(p.repr())) {
            problems.add(type + " " + defaultJson + ": repr " + p.repr() + " expected " + repr);
        }
    }

    private void bad(final String name, final String type, final String defaultJson, final long[] shape,
                     final String message) throws Exception {
        try {
            make(name, type, defaultJson, shape);
            problems.add(type + " " + defaultJson + ": accepted, MLflow says " + message);
        } catch (final SignatureException e) {
            if (!message.equals(e.getMessage())) {
                problems.add(type + " " + defaultJson + ": message\n  " + e.getMessage() + "\nexpected\n  " + message);
            }
            if (!"INVALID_PARAMETER_VALUE".equals(e.errorCode())) {
                problems.add(type + " " + defaultJson + ": error code " + e.errorCode());
            }
        }
    }

    @Test
    void defaultsAsMlflowBuildsThem() throws Exception {
            ok("a", "long", "1", null,
                "{\"name\": \"a\", \"type\": \"long\", \"default\": 1, \"shape\": null}",
                "'a': long (default: 1)");
            ok("a", "float", "1", null,
                "{\"name\": \"a\", \"type\": \"float\", \"default\": 1.0, \"shape\": null}",
                "'a': float (default: 1.0)");
            ok("a", "double", "1", null,
                "{\"name\": \"a\", \"type\": \"double\", \"default\": 1.0, \"shape\": null}",
                "'a': double (default: 1.0)");
            ok("a", "double", "1.5", null,
                "{\"name\": \"a\", \"type\": \"double\", \"default\": 1.5, \"shape\": null}",
                "'a': double (default: 1.5)");
            ok("a", "float", "2.5", null,
                "{\"name\": \"a\", \"type\": \"float\", \"default\": 2.5, \"shape\": null}",
                "'a': float (default: 2.5)");
            bad("a", "integer", "1.5", null,
                "Incompatible types for param 'a': integer (default: 1.5) with shape None. Can not safely convert float to DataType.integer.");
            bad("a", "long", "1.0", null,
                "Incompatible types for param 'a': long (default: 1.0) with shape None. Can not safely convert float to DataType.long.");
            bad("a", "long", "true", null,
                "Incompatible types for param 'a': long (default: True) with shape None. Can not safely convert bool to DataType.long.");
            bad("a", "boolean", "1", null,
                "Incompatible types for param 'a': boolean (default: 1) with shape None. Can not safely convert int to DataType.boolean.");
            bad("a", "string", "1", null,
                "Incompatible types for param 'a': string (default: 1) with shape None. Can not safely convert int to DataType.string.");
            ok("a", "boolean", "true", null,
                "{\"name\": \"a\", \"type\": \"boolean\", \"default\": true, \"shape\": null}",
                "'a': boolean (default: True)");
            ok("a", "string", "\"x\"", null,
                "{\"name\": \"a\", \"type\": \"string\", \"default\": \"x\", \"shape\": null}",
                "'a': string (default: x)");
            ok("a", "long", "[1, 2]", new long[] {-1},
                "{\"name\": \"a\", \"type\": \"long\", \"default\": [1, 2], \"shape\": [-1]}",
                "'a': long (default: [1, 2]) (shape: (-1,))");
            ok("a", "double", "[1, 2]", new long[] {-1},
                "{\"name\": \"a\", \"type\": \"double\", \"default\": [1.0, 2.0], \"shape\": [-1]}",
                "'a': double (default: [1.0, 2.0]) (shape: (-1,))");
            bad("a", "long", "[1, \"x\"]", new long[] {-1},
                "Incompatible types for param 'a': long (default: [1, 'x']) (shape: (-1,)) internal values. Can not safely convert str to DataType.long.");
            bad("a", "long", "1", new long[] {-1},
                "Value must be a 1D array with shape (-1,) for param 'a': long (default: 1) (shape: (-1,)), received int with ndim 0");
            bad("a", "long", "[[1, 2]]", new long[] {-1},
                "Value must be a 1D array with shape (-1,) for param 'a': long (default: [[1, 2]]) (shape: (-1,)), received list with ndim 2");
            bad("a", "long", "[1]", new long[] {2},
                "Shape must be None for scalar value or (-1,) for 1D array value for ParamSpec 'a': long (default: [1]) (shape: (2,))), received (2,)");
            bad("a", "long", "[1]", new long[] {-1, 2},
                "Shape must be None for scalar value or (-1,) for 1D array value for ParamSpec 'a': long (default: [1]) (shape: (-1, 2))), received (-1, 2)");
            bad("a", "long", "[1, 2]", null,
                "Value should be a scalar for param 'a': long (default: [1, 2]) with shape None, got [1, 2]");
            bad("a", "long", "{\"x\": 1}", null,
                "Value should be a scalar for param 'a': long (default: {'x': 1}) with shape None, got {'x': 1}");
            ok("a", "datetime", "\"2024-01-02T03:04:05\"", null,
                "{\"name\": \"a\", \"type\": \"datetime\", \"default\": \"2024-01-02T03:04:05\", \"shape\": null}",
                "'a': datetime (default: 2024-01-02 03:04:05)");
            ok("a", "datetime", "\"2024-01-02\"", null,
                "{\"name\": \"a\", \"type\": \"datetime\", \"default\": \"2024-01-02\", \"shape\": null}",
                "'a': datetime (default: 2024-01-02)");
            bad("a", "datetime", "\"not a date\"", null,
                "Failed to convert value not a date from type str to DataType.datetime for param 'a': datetime (default: not a date) with shape None");
            bad("a", "datetime", "5", null,
                "Failed to convert value 5 from type int to DataType.datetime for param 'a': datetime (default: 5) with shape None");
            bad("a", "datetime", "\"20230606\"", null,
                "Invalid value for param 'a': datetime (default: 20230606) with shape None, it should be convertible to datetime.date/datetime, got 20230606");
            ok("a", "string", "null", null,
                "{\"name\": \"a\", \"type\": \"string\", \"default\": null, \"shape\": null}",
                "'a': string (default: None)");
            bad("a", "long", "null", new long[] {-1},
                "Value must be a 1D array with shape (-1,) for param 'a': long (default: None) (shape: (-1,)), received NoneType with ndim 0");
            ok("a", "long", "[]", new long[] {-1},
                "{\"name\": \"a\", \"type\": \"long\", \"default\": [], \"shape\": [-1]}",
                "'a': long (default: []) (shape: (-1,))");
            ok("a", "datetime", "\"2024-01-02T03:04:05.123\"", null,
                "{\"name\": \"a\", \"type\": \"datetime\", \"default\": \"2024-01-02T03:04:05.123000\", \"shape\": null}",
                "'a': datetime (default: 2024-01-02 03:04:05.123000)");
            bad("a", "float", "\"1.0\"", null,
                "Incompatible types for param 'a': float (default: 1.0) with shape None. Can not safely convert str to DataType.float.");
            bad("b c", "long", "1.5", null,
                "Incompatible types for param 'b c': long (default: 1.5) with shape None. Can not safely convert float to DataType.long.");
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void binaryIsRefused() {
        final SignatureException e = assertThrows(SignatureException.class,
            () -> new ParamSpec("a", DataType.BINARY, new byte[] {1}, null));
        assertEquals("Binary type is not supported for parameters, ParamSpec 'a'has dtype 'binary'", e.getMessage());
    }

    @Test
    void conversionsOfValues() {
        final ParamSpec f = new ParamSpec("t", DataType.FLOAT, 0.5, null);
        assertEquals(2.0, f.validate(2L));
        assertEquals(null, f.validate(null));
        final ParamSpec l = new ParamSpec("n", DataType.LONG, 1L, null);
        assertEquals(7L, l.validate(7L));
        final ParamSpec d = new ParamSpec("d", DataType.DOUBLE, List.of(1L), new long[] {-1});
        assertEquals(List.of(1.0, 2.5), d.validate(List.of(1L, 2.5)));
        final ParamSpec dt = new ParamSpec("when", DataType.DATETIME, "2024-01-02", null);
        assertEquals(LocalDate.of(2024, 1, 2), dt.defaultValue());
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4), dt.validate("2024-01-02T03:04"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4), dt.validate(LocalDateTime.of(2024, 1, 2, 3, 4)));
        final SignatureException e = assertThrows(SignatureException.class, () -> l.validate("x"));
        assertEquals("Incompatible types for param 'n': long (default: 1) with shape None. Can not safely convert str "
            + "to DataType.long.", e.getMessage());
    }

    @Test
    void datetimeDefaultWrittenInIsoForm() {
        // MLflow: default.isoformat()
        assertEquals("2024-01-02T03:04:00", new ParamSpec("a", DataType.DATETIME, "2024-01-02T03:04", null)
            .toJson().get("default"));
        assertEquals("2024-01-02T00:00:00", new ParamSpec("a", DataType.DATETIME, LocalDateTime.of(2024, 1, 2, 0, 0), null)
            .toJson().get("default"));
        assertEquals("2024-01-02T03:04:05.000007", new ParamSpec("a", DataType.DATETIME,
            LocalDateTime.of(2024, 1, 2, 3, 4, 5, 7000), null).toJson().get("default"));
        assertEquals(List.of("2024-01-02", "2024-01-02T03:04:05.500000"), new ParamSpec("a", DataType.DATETIME,
            List.of("2024-01-02", "2024-01-02T03:04:05.5"), new long[] {-1}).toJson().get("default"));
    }
}
