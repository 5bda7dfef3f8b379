package io.signet.validate;

import io.signet.schema.SignatureJson;
import io.signet.serving.ScoringServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .jsonl files: line numbers, CRLF, a last line without newline, blank lines, over-long lines. */
class PayloadValidatorTest {
    @TempDir
    Path dir;

    private final ScoringServer server = new ScoringServer(SignatureJson.parse("{\"inputs\": \"[{\\\"type\\\": "
        + "\\\"tensor\\\", \\\"tensor-spec\\\": {\\\"dtype\\\": \\\"int64\\\", \\\"shape\\\": [-1, 2]}}]\"}"));

    private FileResult run(final PayloadValidator v, final String name, final String text) throws Exception {
        final Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        final FileResult r = new FileResult(f, Files.size(f), 10);
        v.validate(f, r);
        return r;
    }

    @Test
    void linesAreNumberedFromOneWhateverTheLineEndings() throws Exception {
        final FileResult r = run(new PayloadValidator(server), "a.jsonl",
            "{\"inputs\": [[1, 2]]}\r\n\r\n{\"inputs\": [[1]]}\r\n{\"inputs\": [[3, 4]]}");
        assertEquals(3, r.inputs(), "the blank line is not a payload; the last line needs no newline");
        assertEquals(2, r.validInputs());
        assertEquals("line 3 /inputs", r.problems().get(0).location);
        assertTrue(r.problems().get(0).message.contains("Shape of input (1, 1) does not match expected shape (-1, 2)."));
    }

    @Test
    void aLineLongerThanTheLimitIsReportedNotRead() throws Exception {
        final String longLine = "{\"inputs\": [" + "[1, 2], ".repeat(50) + "[1, 2]]}";
        final FileResult r = run(new PayloadValidator(server, 100), "b.jsonl",
            "{\"inputs\": [[1, 2]]}\n" + longLine + "\n{\"inputs\": [[5, 6]]}\n");
        assertEquals(3, r.inputs());
        assertEquals(2, r.validInputs());
        assertEquals("line 2", r.problems().get(0).location);
        assertEquals("line longer than 100 bytes, not read", r.problems().get(0).message);
    }

    @Test
    void aJsonFileIsOneBody() throws Exception {
        final FileResult r = run(new PayloadValidator(server), "c.json", "{\n  \"inputs\": [[1, 2],\n [3, 4]]\n}\n");
        assertEquals(1, r.inputs());
        assertEquals(FileResult.Status.VALID, r.status());
    }

    @Test
    void aJsonFileLargerThanARequestMayBeIsNotRead() throws Exception {
        final FileResult r = run(new PayloadValidator(server, 64), "big.json", "{\"inputs\": [" + "[1, 2], ".repeat(20) + "[1, 2]]}");
        assertEquals(1, r.invalidInputs());
        assertTrue(r.problems().get(0).message.contains("more than the 64 bytes a request may hold"), r.problems().get(0).message);
    }
}
