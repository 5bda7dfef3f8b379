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
 * request body, a {@code .jsonl} file one body per line. Each is judged as MLflow's scoring server
 * would (status, error code, sentence), read line by line so memory stays bounded by the longest line.
 */
public final class PayloadValidator implements FileValidator {
    /** Longest line read from a .jsonl file; longer lines are reported, not read. */
    public static final int MAX_LINE_BYTES = 64 << 20;

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
        return n.endsWith(".json") || n.endsWith(".jsonl");
    }

    @Override
    public void validate(final Path file, final FileResult result) {
        // one context per file: a .jsonl file's bodies reuse its buffers; closing it frees them
        try (ScoringContext ctx = new ScoringContext()) {
            validate(file, result, ctx);
        }
    }

    private void validate(final Path file, final FileResult result, final ScoringContext ctx) {
        final boolean lines = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        try {
            if (!lines) {
                // one body: never read more than a request may hold (memory stays bounded per job)
                if (Files.size(file) > maxLineBytes) {
                    result.invalid(null, "HTTP 400 BAD_REQUEST: the body is " + Files.size(file) + " bytes, more than "
                        + "the " + maxLineBytes + " a request may hold (Limits.maxDocumentBytes); not read",
                        "BAD_REQUEST", null);
                    return;
                }
                judge(ctx, Files.readAllBytes(file), null, result);
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
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
        } catch (final IOException e) {
            result.unreadable(null, "cannot read: " + e.getMessage());
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
            result.invalid("line " + lineNo, "line longer than " + maxLineBytes + " bytes, not read", "BAD_REQUEST",
                null);
        } else if (!isBlank(line)) {
            judge(ctx, line.toByteArray(), "line " + lineNo, result);
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

    private void judge(final ScoringContext ctx, final byte[] body, final String where, final FileResult result) {
        final ScoringResponse r = server.invoke(ctx, body, "application/json");
        if (r.ok()) {
            result.valid();
            return;
        }
        final StringBuilder loc = new StringBuilder();
        if (where != null) {
            loc.append(where);
        }
        if (r.pointer() != null) {
            loc.append(loc.length() > 0 ? " " : "").append(r.pointer());
        }
        final String msg = "HTTP " + r.status() + (r.errorCode() == null ? "" : " " + r.errorCode()) + ": " + r.message();
        result.invalid(loc.length() == 0 ? null : loc.toString(), msg, r.errorCode(),
            io.signet.enforce.Deviation.codeOf(r.deviation()));
    }
}
