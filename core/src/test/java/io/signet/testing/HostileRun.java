package io.signet.testing;

import io.signet.schema.ModelSignature;
import io.signet.schema.PyJson;
import io.signet.schema.SignatureJson;
import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@link Hostile}'s families to a {@code ScoringServer} and measures each answer: wall time,
 * peak heap (the larger of the heap pools' peak usage and the heap used sampled every millisecond
 * while answering; the body and garbage not yet collected included), message length and a
 * verdict. One family per call of {@link #measure}; on a worker thread with a 256 KiB stack, as
 * servers run them.
 *
 * <pre>
 *   HostileRun run ID [N]...     measure families in this JVM, one tab-separated RESULT line each
 *   HostileRun table [-Xmx256m] [--timeout S] [ID...]
 *                                one child JVM per family (isolated heap; a hang is killed), a Markdown table
 * </pre>
 * Uses only the public API, so {@code bench/hostile-table.sh} runs it on older commits too.
 */
public final class HostileRun {
    /** The worker's stack: what server thread pools commonly give (and the smallest the issue names). */
    public static final int WORKER_STACK = 256 * 1024;

    private HostileRun() {
    }

    /** One family's answer, measured. */
    public static final class Result {
        public String id;
        public int n;
        public long bodyBytes;
        public int status;
        public String errorCode;
        public int messageLength;
        public String message;
        public long millis;
        public long peakHeapBytes;
        /** Heap in use after a full GC right before the request (the body and the JVM's own). */
        public long baseHeapBytes;
        public String verdict;
        public Throwable thrown;

        public String line() {
            return "RESULT\t" + id + "\t" + n + "\t" + bodyBytes + "\t" + status + "\t" + errorCode + "\t"
                + messageLength + "\t" + millis + "\t" + peakHeapBytes + "\t" + verdict + "\t" + printable(message, 160)
                + "\t" + baseHeapBytes;
        }

        static Result parse(final String line) {
            final String[] f = line.split("\t", -1);
            final Result r = new Result();
            r.id = f[1];
            r.n = Integer.parseInt(f[2]);
            r.bodyBytes = Long.parseLong(f[3]);
            r.status = Integer.parseInt(f[4]);
            r.errorCode = f[5];
            r.messageLength = Integer.parseInt(f[6]);
            r.millis = Long.parseLong(f[7]);
            r.peakHeapBytes = Long.parseLong(f[8]);
            r.verdict = f[9];
            r.message = f[10];
            r.baseHeapBytes = f.length > 11 ? Long.parseLong(f[11]) : 0;
            return r;
        }
    }

    /** The text with control characters and tabs escaped, cut to {@code max} characters. */
    static String printable(final String s, final int max) {
        if (s == null) {
            return "";
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '|') {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() >= max ? sb + "..." : sb.toString();
    }

    public static ModelSignature signature(final Hostile.Family f) {
        try {
            return SignatureJson.fromDict((Map<?, ?>) PyJson.loads(f.signatureJson()));
        } catch (Exception e) {
            throw new IllegalStateException(f.id + ": " + e, e);
        }
    }

    /** Measures one family at size {@code n} on a fresh worker thread with a {@link #WORKER_STACK} stack. */
    public static Result measure(final Hostile.Family f, final int n) {
        final Result r = new Result();
        r.id = f.id;
        r.n = n;
        final ScoringServer server = new ScoringServer(signature(f));
        byte[] body = f.body.apply(n);
        final String ct = f.contentType(n);
        r.bodyBytes = body.length;
        final byte[][] hold = {body};
        body = null;
        final ScoringResponse[] out = new ScoringResponse[1];
        final Throwable[] thrown = new Throwable[1];
        final long[] time = new long[1];
        final long[] peak = new long[1];
        final long[] base = new long[1];
        final Thread worker = new Thread(null, () -> {
            try (ScoringContext ctx = new ScoringContext()) {
                // warm the classes the answer needs on a tiny body, so the time is the family's, not class loading
                server.invoke(ctx, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
                System.gc();
                base[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                resetPeaks();
                final long t0 = System.nanoTime();
                out[0] = server.invoke(ctx, hold[0], ct);
                time[0] = System.nanoTime() - t0;
                peak[0] = peakHeap();
            } catch (Throwable t) {
                thrown[0] = t;
                peak[0] = peakHeap();
            }
        }, "hostile-worker", WORKER_STACK);
        // G1 updates a pool's peak only at a collection: a sampler catches a request that finishes before one
        final java.lang.management.MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        final long[] sampled = new long[1];
        final Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampled[0] = Math.max(sampled[0], heap.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hostile-heap-sampler");
        sampler.setDaemon(true);
        worker.start();
        sampler.start();
        try {
            worker.join();
            sampler.interrupt();
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.millis = TimeUnit.NANOSECONDS.toMillis(time[0]);
        r.peakHeapBytes = Math.max(peak[0], sampled[0]);
        r.baseHeapBytes = base[0];
        r.thrown = thrown[0];
        if (thrown[0] != null) {
            r.status = -1;
            r.message = "threw " + thrown[0];
            r.messageLength = r.message.length();
            r.verdict = thrown[0] instanceof OutOfMemoryError ? "FAIL:OOM-thrown" : "FAIL:threw";
            return r;
        }
        final ScoringResponse resp = out[0];
        r.status = resp.status();
        r.errorCode = resp.errorCode();
        r.message = resp.message() == null ? "" : resp.message();
        r.messageLength = r.message.length();
        r.verdict = verdict(f, resp);
        return r;
    }

    /** Measures a file family (HostileFiles) the same way, on a fresh temporary directory. */
    public static Result measureFile(final HostileFiles.FileFamily f) {
        final Result r = new Result();
        r.id = f.id;
        r.n = 1;
        final Object[] out = new Object[1];
        final long[] time = new long[1];
        final long[] base = new long[1];
        final Thread worker = new Thread(null, () -> {
            Path dir = null;
            try {
                dir = java.nio.file.Files.createTempDirectory("hostile-file");
                System.gc();
                base[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                resetPeaks();
                final long t0 = System.nanoTime();
                out[0] = f.run(dir);
                time[0] = System.nanoTime() - t0;
            } catch (Throwable t) {
                out[0] = t;
            } finally {
                if (dir != null) {
                    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
                    } catch (java.io.IOException ignored) {
                        // a temporary directory left behind
                    }
                }
            }
        }, "hostile-file-worker", WORKER_STACK);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.millis = TimeUnit.NANOSECONDS.toMillis(time[0]);
        r.peakHeapBytes = peakHeap();
        r.baseHeapBytes = base[0];
        if (out[0] instanceof Throwable) {
            r.status = -1;
            r.message = "threw " + out[0];
            r.verdict = out[0] instanceof OutOfMemoryError ? "FAIL:OOM-thrown" : "FAIL:threw";
        } else {
            final HostileFiles.Outcome o = (HostileFiles.Outcome) out[0];
            r.status = o.status;
            r.errorCode = "-";
            r.message = o.message;
            r.verdict = o.status != f.expected ? (o.status == 200 ? "FAIL:accepted" : "FAIL:status-" + o.status)
                : o.message.length() > Hostile.MAX_MESSAGE ? "FAIL:message-" + o.message.length()
                : o.message.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x7F) ? "FAIL:control-char"
                : o.message.contains("root") ? "FAIL:echoes-the-file" : "ok";
        }
        r.messageLength = r.message.length();
        return r;
    }

    /** "ok", or "FAIL:" and what is wrong. */
    static String verdict(final Hostile.Family f, final ScoringResponse r) {
        final String m = r.message() == null ? "" : r.message();
        if (r.status() == 500) {
            return m.contains("OutOfMemoryError") ? "FAIL:OOM" : m.contains("StackOverflowError")
                ? "FAIL:stack-overflow" : "FAIL:500";
        }
        if (!f.allows(r.status())) {
            return "FAIL:status-" + r.status();
        }
        if (m.length() > Hostile.MAX_MESSAGE) {
            return "FAIL:message-" + m.length();
        }
        for (int i = 0; i < m.length(); i++) {
            final char c = m.charAt(i);
            if (c < 0x20 && c != '\n' || c == 0x7F) {
                return "FAIL:control-char";
            }
        }
        if (f.mustSay != null && r.status() != 200 && !m.contains(f.mustSay)) {
            return "FAIL:does-not-say-" + f.mustSay;
        }
        return "ok";
    }

    static void resetPeaks() {
        for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The heap pools' peak usage since the reset, summed (an upper bound: the pools peak at different times). */
    static long peakHeap() {
        long sum = 0;
        for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------ the table: one child JVM per family

    /** Runs a family in a child JVM ({@code -Xmx}, the Agrona flag); null when it had to be killed. */
    public static Result inChild(final String id, final int n, final String xmx, final long timeoutSeconds,
                                 final List<String> log) throws Exception {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-XX:+UseG1GC",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            HostileRun.class.getName(), "run", id, String.valueOf(n)));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final List<String> lines = new ArrayList<>();
        final Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child died: what it printed is in lines
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
            return null;
        }
        reader.join(10_000);
        synchronized (lines) {
            for (final String l : lines) {
                if (l.startsWith("RESULT\t")) {
                    return Result.parse(l);
                }
                if (log != null) {
                    log.add(l);
                }
            }
        }
        final Result r = new Result();
        r.id = id;
        r.n = n;
        r.status = -1;
        r.verdict = "FAIL:child-exit-" + p.exitValue();
        r.message = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return r;
    }

    public static void main(final String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("run")) {
            for (int i = 1; i < args.length; i++) {
                final HostileFiles.FileFamily file = HostileFiles.family(args[i]);
                if (file != null) {
                    if (i + 1 < args.length && args[i + 1].matches("\\d+")) {
                        i++;
                    }
                    System.out.println(measureFile(file).line());
                    continue;
                }
                final Hostile.Family f = Hostile.family(args[i]);
                int n = f.full;
                if (i + 1 < args.length && args[i + 1].matches("\\d+")) {
                    n = Integer.parseInt(args[++i]);
                }
                System.out.println(measure(f, n).line());
            }
            return;
        }
        if (args.length > 0 && args[0].equals("table")) {
            String xmx = "256m";
            long timeout = 120;
            final List<String> ids = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("-Xmx")) {
                    xmx = args[i].substring(4);
                } else if (args[i].equals("--timeout")) {
                    timeout = Long.parseLong(args[++i]);
                } else {
                    ids.add(args[i]);
                }
            }
            if (ids.isEmpty()) {
                ids.addAll(Hostile.byId().keySet());
                for (final HostileFiles.FileFamily f : HostileFiles.families()) {
                    ids.add(f.id);
                }
            }
            table(ids, xmx, timeout);
            return;
        }
        System.err.println("usage: HostileRun run ID [N]... | table [-Xmx256m] [--timeout S] [ID...]");
        System.exit(2);
    }

    static void table(final List<String> ids, final String xmx, final long timeout) throws Exception {
        System.out.println("| family | group | owner | body | status | time | peak heap (before) | message chars | verdict "
            + "| message |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (final String id : ids) {
            final HostileFiles.FileFamily file = HostileFiles.family(id);
            final Hostile.Family f = file != null ? null : Hostile.family(id);
            final String group = file != null ? "files" : f.group;
            final Hostile.Owner owner = file != null ? file.owner : f.owner;
            final Result r = inChild(id, file != null ? 1 : f.full, xmx, timeout, null);
            if (r == null) {
                System.out.println("| " + id + " | " + group + " | " + owner + " | | | > " + timeout + " s (killed) "
                    + "| | | FAIL:timeout | |");
                continue;
            }
            System.out.println("| " + id + " | " + group + " | " + owner + " | " + size(r.bodyBytes) + " | "
                + (r.status < 0 ? "-" : r.status + " " + r.errorCode) + " | " + r.millis + " ms | "
                + size(r.peakHeapBytes) + " (" + size(r.baseHeapBytes) + ") | " + r.messageLength + " | " + r.verdict
                + " | "
                + printable(r.message, 90) + " |");
        }
    }

    static String size(final long b) {
        if (b < 10_000) {
            return b + " B";
        }
        if (b < 10_000_000) {
            return (b + 512) / 1024 + " KiB";
        }
        return (b + (1 << 19)) / (1 << 20) + " MiB";
    }
}
