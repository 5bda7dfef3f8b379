package io.signet.testing;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyJson;
import io.signet.schema.SignatureJson;
import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The stack a nesting level costs on each recursive path of a scoring request: for each shape, the
 * deepest body a worker thread with a given stack answers without a {@link StackOverflowError}
 * (nesting limit raised to its maximum, 1,000), found by bisection, at two stack sizes; their
 * difference over the depth difference is the bytes per level. Run it interpreted ({@code -Xint}) for
 * the worst case (a cold server's first requests) and compiled:
 *
 * <pre>java -Xint ... io.signet.testing.StackDepth [stackKiB...]</pre>
 */
public final class StackDepth {
    private StackDepth() {
    }

    static final String F32 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}}]";
    static final String COLS = "[{\"type\": \"long\", \"name\": \"x\"}, {\"type\": \"string\", \"name\": \"s\"}]";
    static final String P_STR = "[{\"name\": \"p\", \"type\": \"string\", \"default\": \"d\", \"shape\": null}]";

    /** A recursive path: the signature, and the body nested d deep. */
    static final class Shape {
        final String name;
        final String inputs;
        final String params;
        final IntFunction<String> body;

        Shape(final String name, final String inputs, final String params, final IntFunction<String> body) {
            this.name = name;
            this.inputs = inputs;
            this.params = params;
            this.body = body;
        }
    }

    static String arrays(final int d) {
        return "[".repeat(d) + "1" + "]".repeat(d);
    }

    static String objects(final int d) {
        return "{\"a\": ".repeat(d) + "1" + "}".repeat(d);
    }

    /** The paths that recurse once per level of the body (depth d counts every container, the envelope's too). */
    public static final Shape[] SHAPES = {
        new Shape("tensor arrays (exact path: read, numpy discovery, shape error)", F32, null,
            d -> "{\"inputs\": " + arrays(d - 1) + "}"),
        new Shape("instances arrays (exact path)", F32, null, d -> "{\"instances\": " + arrays(d - 1) + "}"),
        new Shape("params object (read, conversion error quoting it)", F32, P_STR,
            d -> "{\"inputs\": [1.5], \"params\": {\"p\": " + objects(d - 2) + "}}"),
        new Shape("records cell arrays (frame, cast error quoting it)", COLS, null,
            d -> "{\"dataframe_records\": [{\"x\": 1, \"s\": " + arrays(d - 3) + "}]}"),
        new Shape("split cell objects (frame, cast error quoting it)", COLS, null,
            d -> "{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [[1, " + objects(d - 4) + "]]}}"),
        new Shape("extra top-level key (skipped)", F32, null, d -> "{\"inputs\": [1.5], \"z\": " + arrays(d - 1) + "}"),
    };

    static ScoringServer server(final Shape s) throws Exception {
        final ModelSignature sig = SignatureJson.fromDict((Map<?, ?>) PyJson.loads("{\"inputs\": "
            + Hostile.quote(s.inputs) + (s.params == null ? "" : ", \"params\": " + Hostile.quote(s.params)) + "}"));
        return new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT.withMaxNestingDepth(1000));
    }

    /** True when a worker with {@code stack} bytes answers the body nested {@code d} deep without overflowing. */
    static boolean survives(final ScoringServer server, final Shape s, final int d, final long stack) throws Exception {
        final byte[] body = s.body.apply(d).getBytes(StandardCharsets.UTF_8);
        final boolean[] ok = {false};
        final Thread t = new Thread(null, () -> {
            try (ScoringContext ctx = new ScoringContext()) {
                final ScoringResponse r = server.invoke(ctx, body, "application/json");
                ok[0] = !(r.status() == 500 && r.message().contains("StackOverflowError"));
            } catch (StackOverflowError e) {
                ok[0] = false;
            }
        }, "stack-probe", stack);
        t.start();
        t.join();
        return ok[0];
    }

    /** The deepest body (2..1000) answered without overflow, or 1000 when even that survives. */
    public static int deepest(final Shape s, final long stack) throws Exception {
        final ScoringServer server = server(s);
        if (survives(server, s, 1000, stack)) {
            return 1000;
        }
        int lo = 4;
        int hi = 1000;
        while (hi - lo > 1) {
            final int mid = (lo + hi) >>> 1;
            if (survives(server, s, mid, stack)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public static void main(final String[] args) throws Exception {
        final int[] kib = args.length == 0 ? new int[] {128, 256} : new int[args.length];
        for (int i = 0; i < args.length; i++) {
            kib[i] = Integer.parseInt(args[i]);
        }
        System.out.println("| path | " + String.join(" | ", java.util.Arrays.stream(kib).mapToObj(k -> "deepest on "
            + k + " KiB").toArray(String[]::new)) + " | bytes per level |");
        System.out.println("|---|" + "---|".repeat(kib.length) + "---|");
        for (final Shape s : SHAPES) {
            final int[] d = new int[kib.length];
            final StringBuilder sb = new StringBuilder("| " + s.name + " | ");
            for (int i = 0; i < kib.length; i++) {
                d[i] = deepest(s, kib[i] * 1024L);
                sb.append(d[i] >= 1000 ? ">= 1000" : String.valueOf(d[i])).append(" | ");
            }
            final int a = d[0];
            final int b = d[kib.length - 1];
            sb.append(b > a && b < 1000 ? String.valueOf((kib[kib.length - 1] - kib[0]) * 1024L / (b - a)) : "-")
                .append(" |");
            System.out.println(sb);
        }
    }
}
