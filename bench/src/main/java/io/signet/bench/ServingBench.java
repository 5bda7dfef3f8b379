package io.signet.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.py.PyJson;
import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /invocations} bodies judged by Signet's {@link ScoringServer} against the same bytes
 * through jackson-databind ({@code readTree}, and binding to primitive arrays) and through
 * Jackson's bare token pass (the floor any streaming reader pays).
 *
 * <p>Payloads: {@code f32} = {@code {"inputs": float32 64x28x28}} (~0.5 MB, Java's shortest float
 * text), {@code f32py} = the same floats as numpy's {@code tolist()} + {@code json.dumps} write them
 * (17 significant digits, ~0.9 MB), {@code u8} = a uint8
 * image batch 16x32x32x3, {@code df} = a 1,000-row 4-column {@code dataframe_split}.
 * MB/s = ops/s x payload bytes (printed at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class ServingBench {
    @Param({"f32", "f32py", "u8", "df"})
    public String payload;

    byte[] body;
    ScoringServer server;
    /** The benchmark thread's context, as one server worker keeps one (Scope.Thread state). */
    ScoringContext ctx;
    ObjectMapper mapper;
    JsonFactory plain;

    /** databind target for the tensor payloads. */
    public static final class F32Inputs {
        public float[][][] inputs;
    }

    /** databind target for the uint8 payload. */
    public static final class U8Inputs {
        public int[][][][] inputs;
    }

    /** databind target for the dataframe payload. */
    public static final class Split {
        public String[] columns;
        public Object[][] data;
    }

    /** databind envelope of the dataframe payload. */
    public static final class DfInputs {
        public Split dataframe_split;
    }

    static ModelSignature sig(final String inputs) throws IOException {
        return ModelSignature.fromDict((Map<?, ?>) PyJson.loads("{\"inputs\": " + PyJson.dumps(inputs) + "}"));
    }

    @Setup
    public void setup() throws IOException {
        final Random r = new Random(42);
        final StringBuilder sb = new StringBuilder();
        final String spec;
        switch (payload) {
            case "f32":
            case "f32py":
                sb.append("{\"inputs\": [");
                for (int i = 0; i < 64; i++) {
                    sb.append(i == 0 ? "[" : ", [");
                    for (int j = 0; j < 28; j++) {
                        sb.append(j == 0 ? "[" : ", [");
                        for (int k = 0; k < 28; k++) {
                            if (k > 0) {
                                sb.append(", ");
                            }
                            // f32: Java's shortest float text (up to 9 digits); f32py: the float32 as a
                            // Python float, as numpy's tolist() + json.dumps write it (up to 17 digits)
                            if (payload.equals("f32")) {
                                sb.append(r.nextFloat());
                            } else {
                                sb.append((double) r.nextFloat());
                            }
                        }
                        sb.append(']');
                    }
                    sb.append(']');
                }
                sb.append("]}");
                spec = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 28, 28]}}]";
                break;
            case "u8":
                sb.append("{\"inputs\": [");
                for (int i = 0; i < 16; i++) {
                    sb.append(i == 0 ? "[" : ", [");
                    for (int j = 0; j < 32; j++) {
                        sb.append(j == 0 ? "[" : ", [");
                        for (int k = 0; k < 32; k++) {
                            sb.append(k == 0 ? "[" : ", [");
                            sb.append(r.nextInt(256)).append(", ").append(r.nextInt(256)).append(", ")
                                .append(r.nextInt(256)).append(']');
                        }
                        sb.append(']');
                    }
                    sb.append(']');
                }
                sb.append("]}");
                spec = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"uint8\", \"shape\": [-1, 32, 32, 3]}}]";
                break;
            default:
                sb.append("{\"dataframe_split\": {\"columns\": [\"id\", \"score\", \"name\", \"flag\"], \"data\": [");
                for (int i = 0; i < 1000; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append('[').append(r.nextInt(1_000_000)).append(", ").append(r.nextDouble()).append(", \"user_")
                        .append(r.nextInt(100_000)).append("\", ").append(r.nextBoolean()).append(']');
                }
                sb.append("]}}");
                spec = "[{\"type\": \"long\", \"name\": \"id\"}, {\"type\": \"double\", \"name\": \"score\"}, "
                    + "{\"type\": \"string\", \"name\": \"name\"}, {\"type\": \"boolean\", \"name\": \"flag\"}]";
        }
        body = sb.toString().getBytes(StandardCharsets.UTF_8);
        server = new ScoringServer(sig(spec), io.signet.enforce.Mode.MLFLOW, Limits.DEFAULT);
        mapper = new ObjectMapper();
        plain = new JsonFactory();
        ctx = new ScoringContext();
        final ScoringResponse check = server.invoke(ctx, body, "application/json");
        if (!check.ok()) {
            throw new IllegalStateException("benchmark payload rejected: " + check);
        }
        System.out.println("PAYLOAD " + payload + " bytes=" + body.length);
    }

    @TearDown
    public void close() {
        ctx.close();
    }

    @Benchmark
    public boolean signet() {
        return server.invoke(ctx, body, "application/json").ok();
    }

    @Benchmark
    public JsonNode databindTree() throws IOException {
        return mapper.readTree(body);
    }

    @Benchmark
    public Object databindBind() throws IOException {
        switch (payload) {
            case "f32":
            case "f32py":
                return mapper.readValue(body, F32Inputs.class);
            case "u8":
                return mapper.readValue(body, U8Inputs.class);
            default:
                return mapper.readValue(body, DfInputs.class);
        }
    }

    @Benchmark
    public void tokenPass(final Blackhole bh) throws IOException {
        try (JsonParser p = plain.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                bh.consume(t);
            }
        }
    }
}
