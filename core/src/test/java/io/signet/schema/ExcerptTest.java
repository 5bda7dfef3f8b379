package io.signet.schema;

import io.signet.py.Excerpt;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExcerptTest {
    @Test
    void shortValuesAreQuotedExactlyAsPython() {
        assertEquals("['y', 'z']", Excerpt.names(List.of("y", "z")));
        assertEquals("{'a', 'b'}", Excerpt.set(List.of("a", "b")));
        assertEquals("set()", Excerpt.set(List.of()));
        assertEquals("[1, None]", Excerpt.names(java.util.Arrays.asList(1L, null)));
        assertEquals("'x'", Excerpt.repr("x"));
        assertEquals("x", Excerpt.str("x"));
    }

    @Test
    void longValuesAreCutAndListsSayHowManyMore() {
        final String big = "a".repeat(1_000_000);
        assertEquals(Excerpt.MAX + 3, Excerpt.str(big).length());
        assertTrue(Excerpt.str(big).endsWith("..."));
        assertTrue(Excerpt.repr(big).length() <= Excerpt.MAX + 3);
        final List<Object> names = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            names.add("name" + i);
        }
        final String s = Excerpt.names(names);
        assertTrue(s.startsWith("['name0', 'name1', "), s);
        assertTrue(s.endsWith(" more]"), s);
        assertTrue(s.length() < 260, s);
        assertTrue(s.contains(", ... and 999"), s);
    }

    @Test
    void terminalControlCharactersAreEscaped() {
        assertEquals("a\\x1b[31mred\\x07", Excerpt.str("a\u001b[31mred\u0007"));
        assertEquals("tab\tand\nnewline", Excerpt.str("tab\tand\nnewline"));
        assertEquals("c1\\x9b", Excerpt.str("c1\u009b"));
    }
}
