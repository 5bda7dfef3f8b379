package io.signet.arch;

import io.signet.schema.SignatureRoundTripTestAccess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's package layering and the "no request state in thread-locals" rule, read from the
 * sources (comments stripped): a package may not name a package it must stay below.
 */
class LayeringTest {
    /**
     * Package -> packages its code must not name. An internal package sits in the layer of the API
     * package it serves ({@code internal/tensor} is {@code tensor}'s), and naming one counts as naming
     * that layer.
     */
    private static final Map<String, Set<String>> FORBIDDEN = Map.of(
        "tensor", Set.of("schema", "column", "enforce", "json", "serving", "py", "mlflow"),
        "internal/tensor", Set.of("schema", "column", "enforce", "json", "serving", "py", "mlflow"),
        "json", Set.of("enforce", "serving", "mlflow"),
        "internal/json", Set.of("enforce", "serving", "mlflow"),
        "py", Set.of("mlflow", "serving"));

    private static final Pattern NAMED = Pattern.compile("io\\.signet\\.(?:internal\\.)?([a-z0-9]+)");

    private static Path main() {
        return SignatureRoundTripTestAccess.data().getParent().resolve("core/src/main/java/io/signet");
    }

    /** The source without comments and string literals (a package named in prose is not a dependency). */
    static String code(final String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
            .replaceAll("\"(?:[^\"\\\\\n]|\\\\.)*\"", "\"\"");
    }

    private static List<Path> sources(final Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void packagesStayInTheirLayer() throws IOException {
        final List<String> violations = new ArrayList<>();
        int files = 0;
        for (final Map.Entry<String, Set<String>> e : FORBIDDEN.entrySet()) {
            for (final Path f : sources(main().resolve(e.getKey()))) {
                files++;
                final Matcher m = NAMED.matcher(code(Files.readString(f, StandardCharsets.UTF_8)));
                while (m.find()) {
                    if (e.getValue().contains(m.group(1))) {
                        violations.add(main().relativize(f) + " names io.signet." + m.group(1));
                    }
                }
            }
        }
        assertTrue(files > 30, "sources read: " + files);
        assertEquals(List.of(), violations);
    }

    @Test
    void noThreadLocalInTheLibrary() throws IOException {
        final List<String> found = new ArrayList<>();
        for (final Path f : sources(main())) {
            if (code(Files.readString(f, StandardCharsets.UTF_8)).contains("ThreadLocal")) {
                found.add(main().relativize(f).toString());
            }
        }
        assertEquals(List.of(), found, "request state belongs to the caller's ScoringContext");
    }

    @Test
    void theCheckSeesAViolation() {
        final Matcher m = NAMED.matcher(code("import io.signet.schema.DataType; // io.signet.serving\n"
            + "/* io.signet.enforce */ String s = \"io.signet.json\"; io.signet.internal.json.Json.x();"));
        final List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertEquals(List.of("schema", "json"), named);
    }
}
