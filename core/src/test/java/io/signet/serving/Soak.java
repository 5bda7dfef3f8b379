package io.signet.serving;

import io.signet.testing.Hostile;
import io.signet.testing.HostileRun;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The soak (bench/soak.sh): worker threads, each with its own {@link ScoringContext}, send mixed
 * requests to the servers of every serving oracle case: 60% the oracle bodies as they are, 25% mutated
 * as {@link HostileMutationPropertyTest} mutates them (one in twenty with the growing mutations: deep
 * nesting, huge numbers and strings, many keys, long lists), 15% the hostile families of issue 17
 * ({@link Hostile}) at up to 300 units (bodies of a few KB: two workers holding 64 MB bodies would not
 * fit the 128 MB heap the soak runs in, and the old exact path is quadratic in names and in records
 * keys, which the hostile table and HostileFamiliesTest measure at full size; the soak looks for memory
 * that stays). Every {@code every} requests it prints the
 * heap after a full GC, the RSS, direct memory and the bytes the contexts keep; at the end a verdict,
 * flat or growing, from the first sample after warm-up to the last.
 *
 * <pre>java -Xmx128m ... io.signet.serving.Soak [requests=1000000] [threads=2] [every=100000]</pre>
 */
public final class Soak {
    private Soak() {
    }

    /** One printed sample. */
    static final class Sample {
        final long requests;
        final long heap;
        final long rss;
        final long direct;
        final long contexts;

        Sample(final long requests, final long heap, final long rss, final long direct, final long contexts) {
            this.requests = requests;
            this.heap = heap;
            this.rss = rss;
            this.direct = direct;
            this.contexts = contexts;
        }
    }

    static long rss() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static long direct() {
        for (final BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getMemoryUsed();
            }
        }
        return -1;
    }

    /** The first request of each kind of failure (500s by exception class, throws), for diagnosis. */
    static final java.util.Map<String, String> FAILURES = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.Map<String, AtomicLong> FAILURE_COUNTS = new java.util.concurrent.ConcurrentHashMap<>();

    static void note(final String message, final String what) {
        final String m = message == null ? "" : message;
        final String kind = m.contains("OutOfMemoryError") ? "500 OutOfMemoryError" : m.contains("StackOverflowError")
            ? "500 StackOverflowError" : m.startsWith("thrown: ") ? m.substring(0, Math.min(m.length(), 60))
            : "500 " + m.substring(0, Math.min(m.length(), 80));
        FAILURES.putIfAbsent(kind, what);
        FAILURE_COUNTS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    static String mb(final long b) {
        return String.format("%.1f MB", b / 1e6);
    }

    public static void main(final String[] args) throws Exception {
        final long requests = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        final int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final long every = args.length > 2 ? Long.parseLong(args[2]) : 100_000;
        final List<HostileMutationPropertyTest.Case> cases = new ArrayList<>();
        final List<ScoringServer> servers = new ArrayList<>(); // built here: the workers only read the lists
        for (final HostileMutationPropertyTest.Case c : HostileMutationPropertyTest.CASES) {
            final ScoringServer s = HostileMutationPropertyTest.server(c);
            if (s != null) {
                cases.add(c);
                servers.add(s);
            }
        }
        final List<Hostile.Family> families = Hostile.families();
        final List<byte[]> hostileBodies = new ArrayList<>();
        final List<String> hostileTypes = new ArrayList<>();
        final List<ScoringServer> hostileServers = new ArrayList<>();
        for (final Hostile.Family f : families) {
            final int n = Math.min(f.full, 300);
            hostileBodies.add(f.body.apply(n));
            hostileTypes.add(f.contentType(n));
            hostileServers.add(new ScoringServer(HostileRun.signature(f)));
        }
        System.out.printf("soak: %,d requests on %d threads, %,d oracle cases, %d hostile families, max heap %s%n",
            requests, threads, cases.size(), families.size(), mb(Runtime.getRuntime().maxMemory()));
        final AtomicLong done = new AtomicLong();
        final AtomicLongArray retained = new AtomicLongArray(threads);
        final long[][] statuses = new long[threads][600];
        final long[] thrown = new long[threads];
        final Thread[] workers = new Thread[threads];
        final long perThread = requests / threads;
        for (int w = 0; w < threads; w++) {
            final int id = w;
            workers[w] = new Thread(() -> {
                final Random r = new Random(17 + id);
                try (ScoringContext ctx = new ScoringContext()) {
                    for (long i = 0; i < perThread; i++) {
                        String what = "";
                        try {
                            final int kind = r.nextInt(100);
                            final ScoringServer server;
                            final byte[] body;
                            final String ct;
                            if (kind < 85) {
                                final int k = r.nextInt(cases.size());
                                final HostileMutationPropertyTest.Case c = cases.get(k);
                                server = servers.get(k);
                                if (kind < 60) {
                                    body = c.body;
                                    ct = c.contentType;
                                    what = c.id;
                                } else {
                                    final HostileMutationPropertyTest.Request q =
                                        new HostileMutationPropertyTest.Request(c.body, c.contentType);
                                    HostileMutationPropertyTest.mutate(q, c, r, r.nextInt(20) != 0);
                                    body = q.body;
                                    ct = q.contentType;
                                    what = c.id + " " + q.applied;
                                }
                            } else {
                                final int f = r.nextInt(hostileBodies.size());
                                server = hostileServers.get(f);
                                body = hostileBodies.get(f);
                                ct = hostileTypes.get(f);
                                what = families.get(f).id;
                            }
                            final ScoringResponse resp = server.invoke(ctx, body, ct);
                            statuses[id][Math.min(599, Math.max(0, resp.status()))]++;
                            if (resp.status() == 500) {
                                note(resp.message(), what);
                            }
                        } catch (Throwable t) { // outside invoke too: the soak itself must survive to report
                            thrown[id]++;
                            note("thrown: " + t, what);
                        }
                        retained.set(id, ctx.retainedBytes());
                        done.incrementAndGet();
                    }
                }
            }, "soak-worker-" + w);
            workers[w].start();
        }
        final List<Sample> samples = new ArrayList<>();
        final long t0 = System.nanoTime();
        long next = every;
        System.out.println("| requests | req/s | heap after GC | RSS | direct | contexts keep |");
        System.out.println("|---|---|---|---|---|---|");
        while (true) {
            boolean alive = false;
            for (final Thread t : workers) {
                alive |= t.isAlive();
            }
            final long n = done.get();
            if (n >= next || !alive) {
                System.gc();
                long contexts = 0;
                for (int w = 0; w < threads; w++) {
                    contexts += retained.get(w);
                }
                final Sample s = new Sample(n, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), rss(),
                    direct(), contexts);
                samples.add(s);
                System.out.printf("| %,d | %,.0f | %s | %s | %s | %s |%n", n, n / ((System.nanoTime() - t0) / 1e9),
                    mb(s.heap), mb(s.rss), mb(s.direct), mb(s.contexts));
                while (next <= n) {
                    next += every;
                }
            }
            if (!alive) {
                break;
            }
            Thread.sleep(100);
        }
        long total200 = 0;
        long total400 = 0;
        long other = 0;
        long threw = 0;
        for (int w = 0; w < threads; w++) {
            total200 += statuses[w][200];
            total400 += statuses[w][400];
            for (int s = 0; s < 600; s++) {
                if (s != 200 && s != 400) {
                    other += statuses[w][s];
                }
            }
            threw += thrown[w];
        }
        long s413 = 0;
        long s415 = 0;
        long s500 = 0;
        for (int w = 0; w < threads; w++) {
            s413 += statuses[w][413];
            s415 += statuses[w][415];
            s500 += statuses[w][500];
        }
        System.out.printf("answers: 200 %,d, 400 %,d, 413 %,d, 415 %,d, 500 %,d, other %,d, thrown %,d%n", total200,
            total400, s413, s415, s500, other - s413 - s415 - s500, threw);
        for (final java.util.Map.Entry<String, AtomicLong> e : FAILURE_COUNTS.entrySet()) {
            System.out.printf("failure %s: %,d (first: %s)%n", e.getKey(), e.getValue().get(),
                io.signet.json.Json.excerpt(FAILURES.get(e.getKey()), 200));
        }
        final String v = verdict(samples);
        System.out.println("verdict: " + (FAILURE_COUNTS.isEmpty() ? v : v + "; " + FAILURE_COUNTS.size()
            + " kinds of failure (above)"));
    }

    /**
     * Flat when, from the first sample after warm-up to the last, heap after GC grew by at most 8 MB,
     * direct and context memory by at most 8 MB and RSS by at most 32 MB (the JIT's code cache and malloc's
     * arenas move RSS by tens of MB without a leak); else growing, with the figures.
     */
    static String verdict(final List<Sample> samples) {
        if (samples.size() < 3) {
            return "too few samples (" + samples.size() + ")";
        }
        final Sample a = samples.get(1);
        final Sample z = samples.get(samples.size() - 1);
        final List<String> grew = new ArrayList<>();
        if (z.heap - a.heap > 8_000_000) {
            grew.add("heap " + mb(a.heap) + " -> " + mb(z.heap));
        }
        if (z.direct - a.direct > 8_000_000) {
            grew.add("direct " + mb(a.direct) + " -> " + mb(z.direct));
        }
        if (z.contexts - a.contexts > 8_000_000) {
            grew.add("contexts " + mb(a.contexts) + " -> " + mb(z.contexts));
        }
        if (z.rss - a.rss > 32_000_000) {
            grew.add("RSS " + mb(a.rss) + " -> " + mb(z.rss));
        }
        return grew.isEmpty() ? "flat (from " + String.format("%,d", a.requests) + " to " + String.format("%,d",
            z.requests) + " requests: heap " + mb(a.heap) + " -> " + mb(z.heap) + ", RSS " + mb(a.rss) + " -> "
            + mb(z.rss) + ", direct " + mb(a.direct) + " -> " + mb(z.direct) + ")" : "growing: " + String.join(", ", grew);
    }
}
