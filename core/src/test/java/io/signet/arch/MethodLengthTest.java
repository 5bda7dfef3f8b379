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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No method or constructor of the library's main sources (core, cli, serve, spark) is longer than
 * {@value #MAX_LINES} lines, unless one of the 3 lines above its declaration is a comment
 * {@code // Long on purpose: <the reason>} (issue 12: "no class in the cold path keeps a 100-line
 * method without a reason written next to it"). Read from the sources, comments and string literals
 * blanked (line breaks kept), declaration line to closing brace.
 */
class MethodLengthTest {
    static final int MAX_LINES = 100;
    static final String MARK = "// Long on purpose:";

    private static final Set<String> NOT_A_NAME = Set.of("if", "for", "while", "switch", "catch", "synchronized",
        "try", "return", "throw", "new", "super", "this", "assert", "yield");
    private static final Pattern THROWS = Pattern.compile("\\s+throws\\s+[\\w.<>,\\s]+$");
    private static final Pattern NAME = Pattern.compile("(\\w+)\\s*$");

    /** A method or constructor body: its name, first and last line (1-based), and whether it is marked. */
    record Body(String name, int first, int last, boolean marked) {
        int lines() {
            return last - first + 1;
        }
    }

    private static Path repo() {
        return SignatureRoundTripTestAccess.data().getParent();
    }

    private static List<Path> sources() throws IOException {
        final List<Path> out = new ArrayList<>();
        for (final String module : List.of("core", "cli", "serve", "spark")) {
            final Path dir = repo().resolve(module).resolve("src/main/java");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    out.addAll(s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList()));
                }
            }
        }
        return out;
    }

    /** The source with comments, string, text-block and char literals blanked; line breaks stay where they were. */
    static String blank(final String src) {
        final StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        final int n = src.length();
        while (i < n) {
            final char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                final int end = src.indexOf("*/", i + 2);
                final int stop = end < 0 ? n : end + 2;
                for (; i < stop; i++) {
                    out.append(src.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (src.startsWith("\"\"\"", i)) {
                final int end = src.indexOf("\"\"\"", i + 3);
                final int stop = end < 0 ? n : end + 3;
                out.append("\"\"");
                for (i += 2; i < stop - 1; i++) {
                    out.append(src.charAt(i) == '\n' ? '\n' : ' ');
                }
                i = stop;
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    if (src.charAt(i) == '\\') {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < n && src.charAt(i) == c) {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Every method and constructor body of {@code src}, nested and local classes' included. */
    static List<Body> bodies(final String src) {
        final String code = blank(src);
        final String[] lines = src.split("\n", -1);
        final List<Body> found = new ArrayList<>();
        final int[] lineOf = new int[code.length() + 1];
        for (int i = 0, line = 1; i < code.length(); i++) {
            lineOf[i] = line;
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            final char c = code.charAt(i);
            if (c == ';' || c == '}') {
                headerStart = i + 1;
            } else if (c == '{') {
                final String name = methodName(code.substring(headerStart, i));
                if (name != null) {
                    int first = headerStart;
                    while (Character.isWhitespace(code.charAt(first))) {
                        first++;
                    }
                    final int close = matching(code, i);
                    final int firstLine = lineOf[first];
                    found.add(new Body(name, firstLine, lineOf[close], marked(lines, firstLine)));
                }
                headerStart = i + 1;
            }
        }
        return found;
    }

    /** The name declared by a header {@code [annotations] [modifiers] [type] name(params) [throws ...]}, else null. */
    static String methodName(final String header) {
        String h = header.strip();
        if (h.isEmpty() || h.contains("->") || h.contains("=") || h.matches("(?s).*\\b(class|interface|enum|record)\\b.*")) {
            return null;
        }
        h = THROWS.matcher(h).replaceFirst("");
        if (!h.endsWith(")")) {
            return null;
        }
        int depth = 0;
        int open = -1;
        for (int k = h.length() - 1; k >= 0; k--) {
            final char c = h.charAt(k);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                open = k;
                break;
            }
        }
        if (open <= 0) {
            return null;
        }
        final String before = h.substring(0, open);
        final Matcher m = NAME.matcher(before);
        if (!m.find() || NOT_A_NAME.contains(m.group(1)) || before.substring(0, m.start()).strip().endsWith("new")
            || before.substring(0, m.start()).strip().endsWith("@") || before.substring(0, m.start()).strip().endsWith(".")) {
            return null;
        }
        return m.group(1);
    }

    private static int matching(final String code, final int open) {
        int depth = 0;
        for (int k = open; k < code.length(); k++) {
            if (code.charAt(k) == '{') {
                depth++;
            } else if (code.charAt(k) == '}' && --depth == 0) {
                return k;
            }
        }
        return code.length() - 1;
    }

    /** A {@code // Long on purpose: reason} comment on one of the 3 lines above line {@code decl} (1-based). */
    private static boolean marked(final String[] lines, final int decl) {
        for (int l = Math.max(1, decl - 3); l < decl; l++) {
            final String t = lines[l - 1].strip();
            if (t.startsWith(MARK) && t.length() > MARK.length() + 10) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noUnexplainedLongMethod() throws IOException {
        final List<String> tooLong = new ArrayList<>();
        int methods = 0;
        for (final Path f : sources()) {
            for (final Body b : bodies(Files.readString(f, StandardCharsets.UTF_8))) {
                methods++;
                if (b.lines() > MAX_LINES && !b.marked()) {
                    tooLong.add(repo().relativize(f) + ":" + b.first() + " " + b.name() + " (" + b.lines() + " lines)");
                }
            }
        }
        assertTrue(methods > 2000, "methods read: " + methods);
        assertEquals(List.of(), tooLong, "methods over " + MAX_LINES + " lines: split them, or write '" + MARK
            + " <reason>' within the 3 lines above the declaration");
    }

    @Test
    void theScanSeesALongMethod() {
        final String src = "class A {\n"
            + "    /** { not code } */\n"
            + "    @SuppressWarnings(\"unchecked\")\n"                 // annotations count: 101 lines
            + "    private static <T> int tooLong(final java.util.List<T> a) throws java.io.IOException {\n"
            + "        String s = \"}\"; char c = '{';\n" + "        x++;\n".repeat(MAX_LINES - 3)
            + "    }\n"
            + "    // Long on purpose: one state machine the JIT keeps in registers\n"
            + "    A(int y) {\n" + "        x++;\n".repeat(MAX_LINES - 2) + "        if (y > 0) {\n        }\n"
            + "    }\n"                                                   // 102 lines, marked
            + "    void fits() {\n" + "        x++;\n".repeat(MAX_LINES - 4) + "        Runnable r = () -> {\n"
            + "        };\n    }\n"                                     // 100 lines, the lambda inside
            + "}\n";
        final List<Body> found = bodies(src);
        assertEquals(List.of("tooLong", "A", "fits"), found.stream().map(Body::name).collect(Collectors.toList()));
        assertEquals(List.of(MAX_LINES + 1, MAX_LINES + 2, MAX_LINES), found.stream().map(Body::lines)
            .collect(Collectors.toList()));
        assertEquals(List.of(true, false, false), found.stream().map(b -> b.lines() > MAX_LINES && !b.marked())
            .collect(Collectors.toList()));
    }
}
