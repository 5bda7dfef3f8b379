package io.signet.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The hostile request bodies of issue 17, one generator per family, built in memory at any size
 * (nothing large is committed). Each family says what it attacks, who owns its fix, the signature
 * it is sent to, and the answer Signet must give at full size under a 256 MB heap: one of the
 * allowed statuses, a message of at most {@link #MAX_MESSAGE} characters that does not echo the
 * payload, within the time and heap the table measures ({@link HostileRun}).
 *
 * <p>Uses only Signet's public API (and nothing newer than the commit the hardening branched from),
 * so {@code bench/hostile-table.sh} measures the same families on an older commit.
 */
public final class Hostile {
    /** The longest message an answer may carry (issue 17: "about 1 KB"). */
    public static final int MAX_MESSAGE = 1024;

    /** Who fixes the family (issue 17 is shared between helpers). */
    public enum Owner { HARDEN, RULEBOOK, NPY, CLI }

    /** One family: {@code body.apply(n)} is the body at size {@code n}; {@code full} is the size. */
    public static final class Family {
        public final String id;
        public final String group;
        public final String what;
        public final Owner owner;
        public final String inputs;
        public final String params;
        private final String contentType;
        /** The Content-Type header at size n, when the header is the attack; else null. */
        IntFunction<String> contentTypes;
        public final IntFunction<byte[]> body;
        public final int full;
        public final int[] statuses;
        /** A word the message must contain (a limit's name), or null. */
        public final String mustSay;

        Family(final String id, final String group, final String what, final Owner owner, final String inputs,
               final String params, final String contentType, final int full, final IntFunction<byte[]> body,
               final String mustSay, final int... statuses) {
            this.id = id;
            this.group = group;
            this.what = what;
            this.owner = owner;
            this.inputs = inputs;
            this.params = params;
            this.contentType = contentType;
            this.full = full;
            this.body = body;
            this.mustSay = mustSay;
            this.statuses = statuses;
        }

        /** The Content-Type header sent at size {@code n}. */
        public String contentType(final int n) {
            return contentTypes != null ? contentTypes.apply(n) : contentType;
        }

        Family headers(final IntFunction<String> ct) {
            this.contentTypes = ct;
            return this;
        }

        public boolean allows(final int status) {
            for (final int s : statuses) {
                if (s == status) {
                    return true;
                }
            }
            return false;
        }

        /** The signature JSON ({@code {"inputs": ..., "params": ...}}) as MLflow writes it in MLmodel. */
        public String signatureJson() {
            return "{\"inputs\": " + quote(inputs) + (params == null ? "" : ", \"params\": " + quote(params)) + "}";
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private Hostile() {
    }

    static String quote(final String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------ signatures

    static final String LONG_X = "[{\"type\": \"long\", \"name\": \"x\"}]";
    static final String LONG_K0 = "[{\"type\": \"long\", \"name\": \"k0\"}]";
    static final String COLS = "[{\"type\": \"long\", \"name\": \"x\"}, {\"type\": \"string\", \"name\": \"s\"}]";
    static final String F32 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}}]";
    static final String F32_NAMED = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}, "
        + "\"name\": \"a\"}, {\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}, "
        + "\"name\": \"b\"}]";
    static final String MAP_M = "[{\"type\": \"map\", \"name\": \"m\", \"values\": {\"type\": \"long\"}}]";
    static final String OBJ_O = "[{\"type\": \"object\", \"name\": \"o\", \"properties\": {\"a\": {\"type\": "
        + "\"long\"}}}]";
    static final String ARR_DT = "[{\"type\": \"array\", \"name\": \"d\", \"items\": {\"type\": \"datetime\"}}]";
    static final String P_LIST = "[{\"name\": \"p\", \"type\": \"long\", \"default\": [1], \"shape\": [-1]}]";
    static final String P_LONG = "[{\"name\": \"p\", \"type\": \"long\", \"default\": 1, \"shape\": null}]";

    // ------------------------------------------------------------------ byte builders

    /** A body of exactly the bytes appended, grown by doubling (the generator's garbage is not measured). */
    static final class Body {
        private byte[] b;
        private int n;

        Body(final int capacity) {
            b = new byte[Math.max(16, capacity)];
        }

        Body add(final String s) {
            return add(s.getBytes(StandardCharsets.UTF_8));
        }

        Body add(final byte[] x) {
            if (n + x.length > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + x.length));
            }
            System.arraycopy(x, 0, b, n, x.length);
            n += x.length;
            return this;
        }

        Body repeat(final String unit, final long times) {
            final byte[] u = unit.getBytes(StandardCharsets.UTF_8);
            final long need = n + u.length * times;
            if (need > b.length) {
                b = Arrays.copyOf(b, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, b.length * 2L)));
            }
            for (long i = 0; i < times; i++) {
                System.arraycopy(u, 0, b, n, u.length);
                n += u.length;
            }
            return this;
        }

        /** {@code prefix + i + suffix} for i in [0, count), separated by {@code sep}. */
        Body numbered(final String prefix, final String suffix, final String sep, final int count) {
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    add(sep);
                }
                add(prefix + i + suffix);
            }
            return this;
        }

        byte[] bytes() {
            return n == b.length ? b : Arrays.copyOf(b, n);
        }
    }

    static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the families

    private static final int OK = 200;
    private static final int BAD = 400;
    private static final int TOO_LARGE = 413;
    private static final int UNSUPPORTED = 415;

    /** Every family of issue 17 that a scoring request carries, at the sizes. */
    public static List<Family> families() {
        final List<Family> f = new ArrayList<>();
        // memory in proportion to shape, not size
        f.add(new Family("csv-rows", "memory", "a 16 MB CSV of 8M rows (1.5 GB before)", Owner.HARDEN, LONG_X, null,
            "text/csv", 8_000_000, n -> new Body(2 * n + 2).add("x\n").repeat("1\n", n).bytes(), null, OK, BAD));
        f.add(new Family("records-n-by-n", "memory", "dataframe_records with N distinct keys, one per row: an N x N "
            + "frame from a 130 KB body (2.9 GB before)", Owner.RULEBOOK, LONG_K0, null, "application/json", 10_000,
            n -> new Body(14 * n).add("{\"dataframe_records\": [").numbered("{\"k", "\": 0}", ", ", n).add("]}").bytes(),
            null, OK, BAD));
        f.add(new Family("f32-over-elements", "memory", "a float32 body of 2^24 + 1 elements, one past "
            + "maxElementsPerTensor, that the streaming path gives up on (1 GB before the 400)", Owner.HARDEN, F32,
            null, "application/json", (1 << 24) + 1, n -> new Body(2 * n + 16).add("{\"inputs\": [").repeat("0,", n - 1)
            .add("0.5]}").bytes(), "Payload exceeds limit", BAD));
        f.add(new Family("f32-cold-path", "memory", "a 32 MB float32 body the streaming path declines (ragged at the "
            + "end): the exact path holds every number as a Java object", Owner.HARDEN, F32, null, "application/json",
            (1 << 24) - 16, n -> new Body(2 * n + 16).add("{\"inputs\": [").repeat("0,", n).add("[0]]}").bytes(), null,
            BAD));
        f.add(new Family("nested-lists-cold-path", "memory", "a 64 MB body of 16M one-element lists the streaming path "
            + "declines (ragged at the end): a Java list per 4 bytes", Owner.HARDEN, F32, null, "application/json",
            (1 << 24) - 16, n -> new Body(4 * n + 16).add("{\"inputs\": [").repeat("[0],", n).add("0]}").bytes(), null,
            BAD));
        f.add(new Family("csv-header-55mb", "memory", "a CSV header of 55 MB (distinct names)", Owner.HARDEN, LONG_X,
            null, "text/csv", 5_000_000, n -> new Body(12 * n).numbered("c", "", ",", n).add("\n").bytes(), null, OK,
            BAD));
        f.add(new Family("csv-cell-50m-digits", "memory", "a 50-million-digit CSV cell in a long column",
            Owner.HARDEN, LONG_X, null, "text/csv", 50_000_000, n -> new Body(n + 8).add("x\n").repeat("9", n)
            .add("\n").bytes(), null, BAD));
        f.add(new Family("params-63mb-list", "memory", "a params list of 63 MB", Owner.HARDEN, F32, P_LIST,
            "application/json", 31_000_000, n -> new Body(2 * n + 40).add("{\"inputs\": [1.0], \"params\": {\"p\": [")
            .repeat("1,", n - 1).add("1]}}").bytes(), "Payload exceeds limit", OK, BAD));
        f.add(new Family("split-cold-path", "memory", "a 60 MB dataframe_split the streaming path declines (a null "
            + "cell): the exact path's frame", Owner.HARDEN, COLS, null, "application/json", 5_000_000,
            n -> new Body(12 * n + 80).add("{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [")
            .repeat("[1, \"a\"], ", n - 1).add("[null, \"a\"]]}}").bytes(), null, OK, BAD));
        f.add(new Family("deep-nesting", "memory", "a body nested 1,000,000 deep (read on a 256 KiB stack)",
            Owner.HARDEN, F32, null, "application/json", 1_000_000, n -> new Body(2 * n + 16).add("{\"inputs\": ")
            .repeat("[", n).repeat("]", n).add("}").bytes(), "maxNestingDepth", BAD));
        f.add(new Family("deep-at-limit", "memory", "a body nested exactly to the default depth limit in every "
            + "value kind (read on a 256 KiB stack)", Owner.HARDEN, COLS, null, "application/json", 0,
            Hostile::deepAtLimit, null, OK, BAD));
        // capacity: bodies just under the limits, on the exact path (the streaming paths decline them), must fit too
        final int values = (1 << 19) - 16; // maxJsonValues and maxCells
        f.add(new Family("cap-exact-numbers", "capacity", "512K numbers on the exact path (ragged at the end)", Owner.HARDEN,
            F32, null, "application/json", values, n -> new Body(2 * n + 16).add("{\"inputs\": [").repeat("0,", n)
            .add("[0]]}").bytes(), null, BAD));
        f.add(new Family("cap-exact-doubles", "capacity", "512K distinct doubles on the exact path (ragged at the end)",
            Owner.HARDEN, F32, null, "application/json", values, n -> {
                final Body b = new Body(20 * n + 16).add("{\"inputs\": [");
                for (int i = 0; i < n; i++) {
                    b.add(0.1 + i + ",");
                }
                return b.add("[0]]}").bytes();
            }, null, BAD));
        f.add(new Family("cap-exact-lists", "capacity", "256K one-element lists on the exact path (ragged at the end)",
            Owner.HARDEN, F32, null, "application/json", values / 2, n -> new Body(4 * n + 16).add("{\"inputs\": [")
            .repeat("[0],", n).add("0]}").bytes(), null, BAD));
        f.add(new Family("cap-exact-strings", "capacity", "320K strings of 48 chars on the exact path (16 MB, "
            + "maxExactPathBytes)", Owner.HARDEN, F32, null, "application/json", 320_000, n -> new Body(52 * n + 16).add("{\"inputs\": [")
            .repeat("\"" + "s".repeat(48) + "\",", n).add("[0]]}").bytes(), null, BAD));
        f.add(new Family("cap-exact-records", "capacity", "175K dataframe_records rows on the exact path (a null at "
            + "the end)", Owner.HARDEN, COLS, null, "application/json", values / 3, n -> new Body(20 * n + 64)
            .add("{\"dataframe_records\": [").repeat("{\"x\": 1, \"s\": \"a\"}, ", n - 1).add("{\"x\": null, \"s\": "
            + "\"a\"}]}").bytes(), null, OK, BAD));
        f.add(new Family("cap-exact-split", "capacity", "175K dataframe_split rows on the exact path (a null at the "
            + "end)", Owner.HARDEN, COLS, null, "application/json", values / 3, n -> new Body(12 * n + 80)
            .add("{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [").repeat("[1, \"a\"], ", n - 1)
            .add("[null, \"a\"]]}}").bytes(), null, OK, BAD));
        f.add(new Family("cap-params", "capacity", "a params list of 64K values (maxParamsElements; accepted)",
            Owner.HARDEN, F32, P_LIST, "application/json", (1 << 16) - 8, n -> new Body(2 * n + 40).add("{\"inputs\": [1.0], \"params\": {\"p\": [")
            .repeat("1,", n - 1).add("1]}}").bytes(), null, OK));
        f.add(new Family("cap-csv-cells", "capacity", "a CSV of 512K cells (maxCells), 1 MB", Owner.HARDEN, LONG_X,
            null, "text/csv", values, n -> new Body(2 * n + 2).add("x\n").repeat("1\n", n).bytes(), null, OK, BAD));
        // super-linear time: 100,000 distinct names
        f.add(new Family("split-data-dict", "time", "dataframe_split whose data is a dict of 100,000 columns",
            Owner.RULEBOOK, LONG_X, null, "application/json", 100_000, n -> new Body(16 * n).add("{\"dataframe_split\": "
            + "{\"data\": {").numbered("\"k", "\": [1]", ", ", n).add("}}}").bytes(), null, OK, BAD));
        f.add(new Family("map-keys", "time", "a Map cell with 100,000 distinct keys", Owner.RULEBOOK, MAP_M, null,
            "application/json", 100_000, n -> new Body(14 * n).add("{\"dataframe_records\": [{\"m\": {")
            .numbered("\"k", "\": 1", ", ", n).add("}}]}").bytes(), null, OK, BAD));
        f.add(new Family("split-wide-row", "time", "a dataframe_split row of 300,000 cells and no columns (300,000 "
            + "columns; found by the mutation property)", Owner.RULEBOOK, LONG_X, null, "application/json", 300_000,
            n -> new Body(3 * n + 40).add("{\"dataframe_split\": {\"data\": [[").repeat("1, ", n - 1).add("null]]}}")
            .bytes(), null, OK, BAD));
        f.add(new Family("csv-header-names", "time", "a CSV header of 100,000 distinct names", Owner.HARDEN, LONG_X,
            null, "text/csv", 100_000, n -> new Body(18 * n).add("x,").numbered("c", "", ",", n).add("\n1,")
            .numbered("", "", ",", n).add("\n").bytes(), null, OK, BAD));
        f.add(new Family("named-inputs", "time", "100,000 named inputs sent to a two-input tensor model",
            Owner.RULEBOOK, F32_NAMED, null, "application/json", 100_000, n -> new Body(16 * n).add("{\"inputs\": {")
            .numbered("\"k", "\": [1.0]", ", ", n).add("}}").bytes(), null, BAD));
        f.add(new Family("instances-records", "time", "instances records with 100,000 distinct keys", Owner.RULEBOOK,
            LONG_X, null, "application/json", 100_000, n -> new Body(14 * n).add("{\"instances\": [{")
            .numbered("\"k", "\": 1", ", ", n).add("}]}").bytes(), null, OK, BAD));
        f.add(new Family("inputs-columnar", "time", "columnar inputs with 100,000 distinct keys", Owner.RULEBOOK,
            LONG_X, null, "application/json", 100_000, n -> new Body(16 * n).add("{\"inputs\": {\"x\": [1], ")
            .numbered("\"k", "\": [1]", ", ", n).add("}}").bytes(), null, OK, BAD));
        f.add(new Family("inputs-records", "time", "inputs records with 100,000 distinct keys", Owner.RULEBOOK, LONG_X,
            null, "application/json", 100_000, n -> new Body(14 * n).add("{\"inputs\": [{\"x\": 1, ")
            .numbered("\"k", "\": 1", ", ", n).add("}]}").bytes(), null, OK, BAD));
        f.add(new Family("top-level-keys", "time", "100,000 extra top-level keys", Owner.HARDEN, F32, null,
            "application/json", 100_000, n -> new Body(14 * n).add("{\"inputs\": [1.0], ").numbered("\"k", "\": 1", ", ", n)
            .add("}").bytes(), "maxKeysPerObject", OK, BAD));
        // echo
        f.add(new Family("echo-extra-inputs", "echo", "the extra inputs list (1 MB of names)", Owner.RULEBOOK,
            F32_NAMED, null, "application/json", 60_000, n -> new Body(16 * n).add("{\"inputs\": {\"a\": [1.0], \"b\": "
            + "[1.0], ").numbered("\"extra_input_", "\": [1.0]", ", ", n).add("}}").bytes(), null, OK, BAD));
        f.add(new Family("echo-split-keys", "echo", "the split format error's Got {keys} (1 MB of keys)",
            Owner.RULEBOOK, LONG_X, null, "application/json", 60_000, n -> new Body(16 * n).add("{\"dataframe_split\": {")
            .numbered("\"bad_key_", "\": 1", ", ", n).add("}}").bytes(), null, BAD));
        f.add(new Family("echo-params", "echo", "a params conversion error on a 1 MB string", Owner.HARDEN, F32,
            P_LONG, "application/json", 1_000_000, n -> new Body(n + 60).add("{\"inputs\": [1.0], \"params\": {\"p\": \"")
            .repeat("z", n - 1).add("\"}}").bytes(), null, BAD));
        f.add(new Family("echo-object-properties", "echo", "undeclared Object properties (1 MB of names)",
            Owner.RULEBOOK, OBJ_O, null, "application/json", 60_000, n -> new Body(16 * n).add("{\"dataframe_records\": "
            + "[{\"o\": {\"a\": 1, ").numbered("\"undeclared_", "\": 1", ", ", n).add("}}]}").bytes(), null, BAD));
        f.add(new Family("echo-csv-cell", "echo", "a 1 MB CSV cell that is not an integer", Owner.RULEBOOK, LONG_X,
            null, "text/csv", 1_000_000, n -> new Body(n + 8).add("x\n").repeat("z", n).add("\n").bytes(), null, BAD));
        f.add(new Family("echo-415", "echo", "a 790 KB content type of unknown parameters (the 415 listed them all)",
            Owner.HARDEN, F32, null, null, 100_000, n -> ascii("{\"inputs\": [1.0]}"), null, UNSUPPORTED, BAD)
            .headers(n -> "application/json" + "; param=1".repeat(1) + new String(new Body(8 * n).numbered("; p", "=1", "",
                n).bytes(), StandardCharsets.UTF_8)));
        f.add(new Family("echo-control-chars", "echo", "terminal escapes in an echoed key (raw ESC bytes in the "
            + "message before)", Owner.RULEBOOK, LONG_X, null, "application/json", 1, n -> ascii("{\"dataframe_split\": "
            + "{\"\\u001b[2J\\u001b[31mboom\": 1}}"), null, BAD));
        // wrong verdicts
        f.add(new Family("array-datetime-cell", "verdict", "an Array(datetime) cell \"2021-01-01T0:00\" (500 before; "
            + "MLflow: 400)", Owner.RULEBOOK, ARR_DT, null, "application/json", 1, n -> ascii("{\"dataframe_split\": "
            + "{\"columns\": [\"d\"], \"data\": [[[\"2021-01-01T0:00\"]]]}}"), null, BAD));
        f.add(new Family("utf8-overlong", "verdict", "an overlong form C0 80 in a string (200 before)", Owner.HARDEN,
            COLS, null, "application/json", 1, n -> withBytes("{\"dataframe_records\": [{\"x\": 1, \"s\": \"a", "c080",
            "\"}]}"), "UTF-8", BAD));
        f.add(new Family("utf8-surrogate", "verdict", "an encoded surrogate ED A0 80 in a key (200 before)",
            Owner.HARDEN, COLS, null, "application/json", 1, n -> withBytes("{\"dataframe_records\": [{\"x\": 1, "
            + "\"s\": \"a\", \"k", "eda080", "\": 1}]}"), "UTF-8", BAD));
        f.add(new Family("utf8-past-10ffff", "verdict", "a code point past U+10FFFF (F4 90 80 80) in a split string "
            + "(200 before)", Owner.HARDEN, COLS, null, "application/json", 1, n -> withBytes("{\"dataframe_split\": "
            + "{\"columns\": [\"x\", \"s\"], \"data\": [[1, \"", "f4908080", "\"]]}}"), "UTF-8", BAD));
        f.add(new Family("utf16-body", "verdict", "a UTF-16LE body without a byte order mark (200 before)",
            Owner.HARDEN, F32, null, "application/json", 1, n -> "{\"inputs\": [1.5]}".getBytes(
            StandardCharsets.UTF_16LE), null, BAD));
        f.add(new Family("utf32-bom-body", "verdict", "a UTF-32 body with a byte order mark (200 before)",
            Owner.HARDEN, F32, null, "application/json", 1, n -> withBytes("", "fffe0000",
            new String("{\"inputs\": [1.5]}".getBytes(java.nio.charset.Charset.forName("UTF-32LE")),
                StandardCharsets.ISO_8859_1)), "UTF-8", BAD));
        f.add(new Family("csv-invalid-bytes", "verdict", "invalid bytes in a CSV cell (silently replaced before)",
            Owner.HARDEN, COLS, null, "text/csv", 1, n -> withBytes("x,s\n1,a", "ff", "\n"), "UTF-8", BAD));
        f.add(new Family("csv-long-out-of-range", "verdict", "99999999999999999999 in a CSV long column (stored as "
            + "Long.MAX_VALUE with 200 before; MLflow: 400)", Owner.RULEBOOK, COLS, null, "text/csv", 1,
            n -> ascii("x,s\n99999999999999999999,a\n"), null, BAD));
        f.add(new Family("csv-long-1e300", "verdict", "1e300 in a CSV long column (stored as Long.MAX_VALUE with 200 "
            + "before; MLflow: 400)", Owner.RULEBOOK, COLS, null, "text/csv", 1, n -> ascii("x,s\n1e300,a\n"), null,
            BAD));
        return Collections.unmodifiableList(f);
    }

    /** A family by id. */
    public static Family family(final String id) {
        for (final Family f : families()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no family " + id);
    }

    /** The families by id, in order. */
    public static Map<String, Family> byId() {
        final Map<String, Family> m = new LinkedHashMap<>();
        for (final Family f : families()) {
            m.put(f.id, f);
        }
        return m;
    }

    /** {@code head + the hex bytes + tail} (tail read as ISO-8859-1 when it holds raw bytes). */
    static byte[] withBytes(final String head, final String hex, final String tail) {
        final byte[] h = ascii(head);
        final byte[] m = java.util.HexFormat.of().parseHex(hex);
        final byte[] t = tail.chars().anyMatch(c -> c > 0x7F || c == 0) ? tail.getBytes(StandardCharsets.ISO_8859_1)
            : ascii(tail);
        final byte[] b = new byte[h.length + m.length + t.length];
        System.arraycopy(h, 0, b, 0, h.length);
        System.arraycopy(m, 0, b, h.length, m.length);
        System.arraycopy(t, 0, b, h.length + m.length, t.length);
        return b;
    }

    /**
     * Values nested to the default depth limit (64) in every place a reader recurses: the params, an
     * extra top-level key, a records cell and a split cell ({@code n} is ignored).
     */
    static byte[] deepAtLimit(final int n) {
        // the root object is level 1: a records cell sits at level 3, params and extra keys at level 1
        return ascii("{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\", \"deep\": " + arrays(61) + ", \"o\": "
            + objects(61) + "}], \"params\": " + objects(63) + ", \"extra\": " + arrays(63) + "}");
    }

    static String arrays(final int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    static String objects(final int levels) {
        return "{\"a\": ".repeat(levels) + "1" + "}".repeat(levels);
    }
}
