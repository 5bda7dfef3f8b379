package io.signet.validate;

import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

import java.io.BufferedInputStream;
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

    public PayloadValidator(final ScoringServer server) {
        this.server = server;
    }

    @Override
    public boolean accepts(final Path file) {
        final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonl");
    }

    @Override
    public void validate(final Path file, final FileResult result) {
        final boolean lines = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        try {
            if (!lines) {
                judge(Files.readAllBytes(file), null, result);
                return;
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                final ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 12);
                long lineNo = 0;
                boolean tooLong = false;
                int b;
                while (true) {
                    b = in.read();
                    if (b == '\n' || b == -1) {
                        if (b == -1 && line.size() == 0 && !tooLong) {
                            break;
                        }
                        lineNo++;
                        if (tooLong) {
                            result.invalid("line " + lineNo, "line longer than " + MAX_LINE_BYTES + " bytes, not read",
                                "BAD_REQUEST", null);
                        } else if (!isBlank(line)) {
                            judge(line.toByteArray(), "line " + lineNo, result);
                        }
                        line.reset();
                        tooLong = false;
                        if (b == -1) {
                            break;
                        }
                    } else if (!tooLong) {
                        if (line.size() >= MAX_LINE_BYTES) {
                            tooLong = true;
                            line.reset();
                        } else {
                            line.write(b);
                        }
                    }
                }
            }
        } catch (final IOException e) {
            result.unreadable(null, "cannot read: " + e.getMessage());
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

    private void judge(final byte[] body, final String where, final FileResult result) {
        final ScoringResponse r = server.invoke(body, "application/json");
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
        result.invalid(loc.length() == 0 ? null : loc.toString(), msg, r.errorCode(), r.deviation());
    }
}
