package io.signet.validate;

import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Scoring-server payloads as captured from {@code POST /invocations}: a {@code .json} file is one
 * JSON request body, a {@code .csv} file one CSV body ({@code text/csv}), a {@code .jsonl} file one
 * JSON body per line. Each is judged as MLflow's scoring server would (status, error code,
 * sentence), read line by line so memory stays bounded by the longest line (and a single body by
 * the request limit).
 */
public final class PayloadValidator implements FileValidator {
    /** Longest line read from a .jsonl file; longer lines are reported, not read. */
    public static final int MAX_LINE_BYTES = 64 << 20;
    static final String JSON = "application/json";
    static final String CSV = "text/csv";

    private final ScoringServer server;
    private final int maxLineBytes;

    public PayloadValidator(final ScoringServer server) {
        this(server, (int) Math.min(MAX_LINE_BYTES, io.signet.json.Limits.DEFAULT.maxDocumentBytes()));
    }

    PayloadValidator(final ScoringServer server, final int maxLineBytes) {
        this.server = server;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public boolean accepts(final Path file) {
        final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".csv");
    }

    @Override
    public void validate(final Path file, final FileResult result) {
        final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        // one context per file: a .jsonl file's bodies reuse its buffers; closing it frees them
        try (ScoringContext ctx = new ScoringContext()) {
            if (!n.endsWith(".jsonl")) {
                try (InputStream in = Files.newInputStream(file)) {
                    validateBody(ctx, in, n.endsWith(".csv") ? CSV : JSON, result);
                }
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                validateLines(ctx, in, result);
            }
        } catch (final IOException e) {
            result.unreadable(null, "cannot read: " + e.getMessage());
        }
    }

    /**
     * One request body from a stream (a file, or stdin for PATH {@code -}): never more than a request
     * may hold is read, so memory stays bounded per job.
     */
    public void validateBody(final InputStream in, final String contentType, final FileResult result)
        throws IOException {
        try (ScoringContext ctx = new ScoringContext()) {
            validateBody(ctx, in, contentType, result);
        }
    }

    private void validateBody(final ScoringContext ctx, final InputStream in, final String contentType,
                              final FileResult result) throws IOException {
        final byte[] body = in.readNBytes(maxLineBytes + 1);
        if (body.length > maxLineBytes) {
            result.invalid(new FileResult.Problem(null, "the body is more than the " + maxLineBytes + " bytes a request "
                + "may hold (Limits.maxDocumentBytes); not read further", "BAD_REQUEST", null, 400, null, null, null));
            return;
        }
        judge(ctx, body, contentType, 0, result);
    }

    private void validateLines(final ScoringContext ctx, final InputStream in, final FileResult result)
        throws IOException {
        final byte[] chunk = new byte[1 << 16];
        final ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 12);
        long lineNo = 0;
        boolean tooLong = false;
        int n;
        while ((n = in.read(chunk)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                tooLong = append(line, chunk, start, i - start, tooLong);
                lineNo++;
                endLine(ctx, line, tooLong, lineNo, result);
                line.reset();
                tooLong = false;
                start = i + 1;
            }
            tooLong = append(line, chunk, start, n - start, tooLong);
        }
        if (line.size() > 0 || tooLong) {
            endLine(ctx, line, tooLong, lineNo + 1, result);
        }
    }

    /** Appends to the line unless it is already past the limit; returns whether it is (now) too long. */
    private boolean append(final ByteArrayOutputStream line, final byte[] b, final int off, final int len,
                           final boolean tooLong) {
        if (tooLong || len == 0) {
            return tooLong;
        }
        if (line.size() + (long) len > maxLineBytes) {
            line.reset();
            return true;
        }
        line.write(b, off, len);
        return false;
    }

    private void endLine(final ScoringContext ctx, final ByteArrayOutputStream line, final boolean tooLong,
                         final long lineNo, final FileResult result) {
        if (tooLong) {
            result.invalid(new FileResult.Problem("line " + lineNo, "line longer than " + maxLineBytes + " bytes, not read",
                "BAD_REQUEST", null, 400, lineNo, null, null));
        } else if (!isBlank(line)) {
            judge(ctx, line.toByteArray(), JSON, lineNo, result);
        }
    }

    private static boolean isBlank(final ByteArrayOutputStream line) {
        final byte[] b = line.toByteArray();
        for (final byte x : b) {
            if (x != ' ' && x != '\t' && x != '\r') {
                return false;
            }
        }
        return true;
    }

    /** {@code lineNo} 0: the body is the whole file; else the body is that line of a .jsonl file. */
    private void judge(final ScoringContext ctx, final byte[] body, final String contentType, final long lineNo,
                       final FileResult result) {
        final ScoringResponse r = server.invoke(ctx, body, contentType);
        if (r.ok()) {
            result.valid();
            return;
        }
        final StringBuilder loc = new StringBuilder();
        if (lineNo > 0) {
            loc.append("line ").append(lineNo);
        }
        if (r.pointer() != null) {
            loc.append(loc.length() > 0 ? " " : "").append(r.pointer());
        }
        final Long line = lineNo > 0 ? Long.valueOf(lineNo) : r.line() > 0 ? Long.valueOf(r.line()) : null;
        final Long column = r.column() > 0 && (lineNo == 0 || r.line() <= 1) ? Long.valueOf(r.column()) : null;
        result.invalid(new FileResult.Problem(loc.length() == 0 ? null : loc.toString(), r.message(), r.errorCode(),
            io.signet.enforce.Deviation.codeOf(r.deviation()), r.status(), line, column, r.pointer()));
    }
}
