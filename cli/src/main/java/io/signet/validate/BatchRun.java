package io.signet.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Validates files on {@code jobs} threads, each file by the first validator that accepts it.
 * A file that cannot be read is reported and counted; the run goes on (unless fail-fast).
 * Results come back in input order.
 */
public final class BatchRun {
    /** Totals of one run. */
    public static final class Totals {
        public long files;
        public long inputs;
        public long validInputs;
        public long invalidInputs;
        public long validFiles;
        public long invalidFiles;
        public long unreadableFiles;
        public long bytes;
        public long nanos;
        public int otherFiles;
        public boolean stoppedEarly;

        public double gbPerSecond() {
            return nanos == 0 ? 0 : bytes / (double) nanos;
        }
    }

    private final List<FileValidator> validators;
    private final int jobs;
    private final int maxErrors;
    private final boolean failFast;

    public BatchRun(final List<FileValidator> validators, final int jobs, final int maxErrors, final boolean failFast) {
        this.validators = List.copyOf(validators);
        this.jobs = Math.max(1, jobs);
        this.maxErrors = maxErrors;
        this.failFast = failFast;
    }

    /** Listener for each finished file, called on the worker thread in completion order. */
    public interface Listener {
        void fileDone(FileResult r);
    }

    public List<FileResult> run(final List<Path> files, final Listener listener, final Totals totals)
        throws InterruptedException {
        final long t0 = System.nanoTime();
        final AtomicBoolean stop = new AtomicBoolean();
        final ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            final Thread t = new Thread(r, "signet-validate");
            t.setDaemon(true);
            return t;
        });
        final List<Future<FileResult>> futures = new ArrayList<>(files.size());
        try {
            for (final Path f : files) {
                futures.add(pool.submit(() -> {
                    final FileResult r = validateOne(f, stop.get());
                    if (r == null) {
                        return null; // not validated: an earlier file failed under --fail-fast
                    }
                    if (failFast && r.status() != FileResult.Status.VALID) {
                        stop.set(true);
                    }
                    listener.fileDone(r);
                    return r;
                }));
            }
            final List<FileResult> results = new ArrayList<>(files.size());
            for (final Future<FileResult> fu : futures) {
                try {
                    results.add(fu.get());
                } catch (final ExecutionException e) {
                    throw new IllegalStateException("validator failed unexpectedly", e.getCause());
                }
            }
            totals.nanos = System.nanoTime() - t0;
            for (final FileResult r : results) {
                if (r == null) {
                    continue;
                }
                totals.files++;
                totals.bytes += r.bytes();
                totals.inputs += r.inputs();
                totals.validInputs += r.validInputs();
                totals.invalidInputs += r.invalidInputs();
                switch (r.status()) {
                    case VALID:
                        totals.validFiles++;
                        break;
                    case INVALID:
                        totals.invalidFiles++;
                        break;
                    default:
                        totals.unreadableFiles++;
                }
            }
            totals.stoppedEarly = stop.get();
            results.removeIf(r -> r == null);
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private FileResult validateOne(final Path f, final boolean skip) {
        long size = 0;
        try {
            size = Files.isRegularFile(f) ? Files.size(f) : 0;
        } catch (final IOException ignored) {
            // reported below as unreadable
        }
        final FileResult r = new FileResult(f, size, maxErrors);
        if (skip) {
            return null;
        }
        if (!Files.exists(f)) {
            r.unreadable(null, "no such file");
            return r;
        }
        if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
            r.unreadable(null, "not a readable regular file");
            return r;
        }
        for (final FileValidator v : validators) {
            if (v.accepts(f)) {
                try {
                    v.validate(f, r);
                } catch (final RuntimeException e) {
                    r.unreadable(null, "Signet failed on this file: " + e);
                }
                return r;
            }
        }
        r.unreadable(null, "unsupported file type (Signet reads " + String.join(", ", FileWalker.EXTENSIONS) + ")");
        return r;
    }
}
