package io.signet.arch;

import io.signet.schema.SignatureRoundTripTestAccess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * signet-core's API is the list below (ARCH.md, "Public API of core"): every public top-level type
 * outside the internal packages is on it, and every type on it exists and is public. A new public
 * type fails this test until it is either made package-private, moved into an internal package, or
 * added here on purpose (say why in the commit). Read from the sources, comments stripped.
 */
class ApiSurfaceTest {
    /** The API, by package. */
    static final Set<String> API = Set.of(
        // io.signet.schema: signatures and model directories (ObjectType.Property nested; MLflow's
        // SparkMLVector is ArrayType.SPARK_ML_VECTOR)
        "schema.ModelSignature", "schema.Schema", "schema.InputSpec", "schema.ColSpec", "schema.TensorSpec",
        "schema.ColumnType", "schema.DataType", "schema.ArrayType", "schema.ObjectType", "schema.MapType",
        "schema.AnyType", "schema.ParamSchema", "schema.ParamSpec", "schema.ModelDirectory",
        "schema.SignatureException",
        // io.signet.tensor: typed tensors over memory, UTF-8 string arrays (ND4J's), array headers, .npy files
        // (NpyFile.NpyLimits nested)
        "tensor.DType", "tensor.TensorView", "tensor.Utf8Strings", "tensor.NdArray", "tensor.NpyFile",
        "tensor.NpyFormatException",
        // io.signet.column: column batches, their columns, nested (Array/Object/Map) columns and their writer
        // (NestedWriter stays a file of its own: 628 lines nested in ColumnBatch would hide it, not remove it)
        "column.ColumnBatch", "column.Column", "column.NestedVector", "column.NestedWriter",
        // io.signet.enforce: the enforcers and what they report (TensorSchemaEnforcer.TensorPolicy nested;
        // .npy/.npz files are TensorSchemaEnforcer.checkNpy/checkNpz)
        "enforce.Mode", "enforce.Profile", "enforce.ErrorCode", "enforce.Deviation",
        "enforce.TensorSchemaEnforcer", "enforce.TensorViolations", "enforce.ColumnEnforcer",
        "enforce.ColumnViolations", "enforce.ParamsEnforcer", "enforce.SchemaEnforcementException",
        // io.signet.json: the limits on request bodies
        "json.Limits",
        // io.signet.serving: the scoring server
        "serving.ScoringServer", "serving.ScoringResponse", "serving.ScoringContext",
        // io.signet.nd4j: INDArrays over Signet's tensors (nd4j-api optional)
        "nd4j.Nd4jTensors",
        // io.signet.infer: MLflow's infer_signature (refusals are SignatureExceptions)
        "infer.SignatureInference");


    /** Packages documented as internal (their package-info says so); their public types are not API. */
    static final Set<String> INTERNAL = Set.of("internal", "internal/json", "internal/tensor", "py", "mlflow");

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
        "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

    private static Path main() {
        return SignatureRoundTripTestAccess.data().getParent().resolve("core/src/main/java/io/signet");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(main())) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static String pkg(final Path f) {
        return main().relativize(f.getParent()).toString().replace('\\', '/');
    }

    /** Every public top-level type outside the internal packages, as "package.Type" (package relative to io.signet). */
    static Set<String> publicTypes() throws IOException {
        final Set<String> found = new TreeSet<>();
        for (final Path f : sources()) {
            final String name = f.getFileName().toString();
            if (name.equals("package-info.java") || name.equals("module-info.java") || INTERNAL.contains(pkg(f))) {
                continue;
            }
            final Matcher m = PUBLIC_TYPE.matcher(LayeringTest.code(Files.readString(f, StandardCharsets.UTF_8)));
            if (m.find()) {
                found.add(pkg(f).replace('/', '.') + "." + m.group(1));
            }
        }
        return found;
    }

    @Test
    void thePublicTypesAreTheApi() throws IOException {
        final Set<String> found = publicTypes();
        final Set<String> unlisted = new TreeSet<>(found);
        unlisted.removeAll(API);
        assertEquals(Set.of(), unlisted, "public types that are not API: make them package-private, move them into"
            + " an internal package (io.signet.internal.*), or add them to ApiSurfaceTest.API on purpose");
        final Set<String> missing = new TreeSet<>(API);
        missing.removeAll(found);
        assertEquals(Set.of(), missing, "API types that are gone or no longer public");
        assertTrue(API.size() <= 41, "the API stays about 40 types: " + API.size());
    }

    @Test
    void theModuleExportsTheApiPackagesOnly() throws IOException {
        final String info = LayeringTest.code(Files.readString(main().getParent().getParent().resolve("module-info.java"),
            StandardCharsets.UTF_8));
        final Set<String> exported = new TreeSet<>();
        final Matcher m = Pattern.compile("exports\\s+io\\.signet\\.([\\w.]+)\\s*;").matcher(info);
        while (m.find()) {
            exported.add(m.group(1));
        }
        final Set<String> apiPackages = API.stream().map(t -> t.substring(0, t.lastIndexOf('.')))
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(apiPackages, exported, "module-info exports exactly the packages of the API types");
    }

    @Test
    void internalPackagesSayTheyAreInternal() throws IOException {
        final List<String> silent = new ArrayList<>();
        for (final String p : INTERNAL) {
            final Path info = main().resolve(p).resolve("package-info.java");
            if (!Files.isRegularFile(info)
                || !Files.readString(info, StandardCharsets.UTF_8).replaceAll("\\s+", " ").contains("Internal: not API")) {
                silent.add(p);
            }
        }
        assertEquals(List.of(), silent, "internal packages whose package-info does not say 'Internal: not API'");
    }

    @Test
    void theScanSeesAPublicType() {
        final Matcher m = PUBLIC_TYPE.matcher(LayeringTest.code(
            "/** public class Doc {} */\nfinal class Hidden {}\npublic final class Shown {}\n"));
        assertTrue(m.find());
        assertEquals("Shown", m.group(1));
        assertTrue(!PUBLIC_TYPE.matcher("final class Hidden {}\n    public static final class Nested {}\n").find());
    }
}
