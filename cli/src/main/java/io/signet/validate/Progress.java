package io.signet.validate;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a batch run on stderr: a one-line bar redrawn in place on a terminal (files and
 * bytes done, rate, ETA), plain lines every few seconds otherwise, nothing when quiet.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private final long totalFiles;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final Thread ticker;
    private volatile boolean done;

    public Progress(final PrintStream err, final boolean terminal, final boolean quiet, final long totalFiles,
                    final long totalBytes) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        if (quiet) {
            ticker = null;
        } else {
            ticker = new Thread(this::tick, "signet-progress");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    /** Records a finished file. */
    public void fileDone(final FileResult r) {
        files.incrementAndGet();
        bytes.addAndGet(r.bytes());
        if (r.status() != FileResult.Status.VALID) {
            invalid.incrementAndGet();
        }
    }

    private void tick() {
        final long period = terminal ? 200 : 5000;
        long last = System.nanoTime();
        while (!done) {
            try {
                Thread.sleep(terminal ? period : 250);
            } catch (final InterruptedException e) {
                return;
            }
            if (done) {
                return;
            }
            final long now = System.nanoTime();
            if (terminal || (now - last) / 1_000_000 >= period) {
                last = now;
                print(false);
            }
        }
    }

    private synchronized void print(final boolean end) {
        final double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        final long f = files.get();
        final long b = bytes.get();
        final double rate = b / secs;
        final String eta = rate > 0 && totalBytes > b ? formatSecs((totalBytes - b) / rate) : "-";
        final double frac = totalBytes > 0 ? (double) b / totalBytes : totalFiles > 0 ? (double) f / totalFiles : 1;
        final String line = String.format(Locale.ROOT, "%s %d/%d files  %s/%s  %s/s  %d not valid  ETA %s",
            bar(frac), f, totalFiles, size(b), size(totalBytes), size((long) rate), invalid.get(), eta);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            if (end) {
                err.print("\r\u001b[K");
            }
        } else if (!end) {
            err.println("progress: " + line);
        }
        err.flush();
    }

    private static String bar(final double frac) {
        final int width = 24;
        final int n = (int) Math.round(Math.min(1, frac) * width);
        return "[" + "#".repeat(n) + " ".repeat(width - n) + "]";
    }

    static String formatSecs(final double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0fs", s);
        }
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }

    /** Human size: 1.5 GB, 12.0 MB, 512 B. */
    public static String size(final long b) {
        if (b < 1000) {
            return b + " B";
        }
        final String[] u = {"kB", "MB", "GB", "TB"};
        double v = b;
        int i = -1;
        while (v >= 1000 && i < u.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }

    @Override
    public void close() {
        done = true;
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join(1000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (terminal) {
                print(true);
            }
        }
    }
}
