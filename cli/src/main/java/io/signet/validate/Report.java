package io.signet.validate;

import io.signet.schema.PyJson;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The batch report, as text for people or as JSON lines for programs. JSON: one object per file
 * ({@code "type": "file"}) and one summary object ({@code "type": "summary"}); field names are stable
 * and documented in README.
 */
public final class Report {
    private Report() {
    }

    public static void text(final PrintStream out, final List<FileResult> results, final BatchRun.Totals t,
                            final boolean verbose) {
        for (final FileResult r : results) {
            if (r.status() == FileResult.Status.VALID) {
                if (verbose) {
                    out.println("ok       " + r.path() + "  (" + r.inputs() + " input" + (r.inputs() == 1 ? "" : "s") + ")");
                }
                continue;
            }
            out.println((r.status() == FileResult.Status.INVALID ? "INVALID  " : "UNREADABLE ") + r.path());
            for (final FileResult.Problem p : r.problems()) {
                out.println("    " + (p.location == null ? "" : p.location + ": ") + p.message
                    + (p.deviation == null ? "" : "  [deviation: " + p.deviation + "]"));
            }
            if (r.droppedProblems() > 0) {
                out.println("    ... and " + r.droppedProblems() + " more (raise --max-errors to see them)");
            }
        }
        out.println();
        out.println(String.format(Locale.ROOT,
            "files: %d (%d valid, %d invalid, %d unreadable)   inputs: %d (%d valid, %d invalid)",
            t.files, t.validFiles, t.invalidFiles, t.unreadableFiles, t.inputs, t.validInputs, t.invalidInputs));
        out.println(String.format(Locale.ROOT, "read %s in %.2f s: %.2f GB/s", Progress.size(t.bytes), t.nanos / 1e9,
            t.gbPerSecond()));
        if (t.otherFiles > 0) {
            out.println("left out: " + t.otherFiles + " file(s) in the directories with other extensions (Signet reads "
                + String.join(", ", FileWalker.EXTENSIONS) + ")");
        }
        if (t.stoppedEarly) {
            out.println("stopped early (--fail-fast): files after the first failure were not validated");
        }
    }

    public static void json(final PrintStream out, final List<FileResult> results, final BatchRun.Totals t) {
        for (final FileResult r : results) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "file");
            m.put("path", r.path().toString());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            m.put("bytes", r.bytes());
            m.put("inputs", r.inputs());
            m.put("valid", r.validInputs());
            m.put("invalid", r.invalidInputs());
            final java.util.List<Object> ps = new java.util.ArrayList<>();
            for (final FileResult.Problem p : r.problems()) {
                final Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("location", p.location);
                pm.put("message", p.message);
                pm.put("error_code", p.errorCode);
                pm.put("deviation", p.deviation);
                ps.add(pm);
            }
            m.put("problems", ps);
            m.put("problems_dropped", (long) r.droppedProblems());
            out.println(PyJson.dumps(m));
        }
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "summary");
        s.put("files", t.files);
        s.put("valid_files", t.validFiles);
        s.put("invalid_files", t.invalidFiles);
        s.put("unreadable_files", t.unreadableFiles);
        s.put("inputs", t.inputs);
        s.put("valid_inputs", t.validInputs);
        s.put("invalid_inputs", t.invalidInputs);
        s.put("bytes", t.bytes);
        s.put("seconds", t.nanos / 1e9);
        s.put("gb_per_second", t.gbPerSecond());
        s.put("other_files_left_out", (long) t.otherFiles);
        s.put("stopped_early", t.stoppedEarly);
        out.println(PyJson.dumps(s));
    }
}
