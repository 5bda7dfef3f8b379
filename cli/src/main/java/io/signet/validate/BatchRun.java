package io.signet.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Validates files on {@code jobs} threads, each file by the first validator that accepts it, and
 * hands the results to a sink in input order as they complete. At most {@code 2 x jobs} files are in
 * flight, so a run holds that many results (each with at most
 * {@link ValidationOptions#MAX_KEPT_PROBLEMS} problems), whatever the number of files.
 * A file that cannot be read, or on which Signet itself fails (an {@code Error} included), is
 * reported and counted; the run goes on. With fail-fast, nothing after the first file that is not
 * valid (in input order) is validated or reported.
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
        /** Bytes in the files validated. */
        public long bytes;
        /** Bytes read in full (request bodies; tensor files whose values were scanned). */
        public long bytesRead;
        /** Tensor files checked by their header alone (their data was not read). */
        public long headerOnlyFiles;
        public long nanos;
        public int otherFiles;
        public boolean stoppedEarly;

        /** Throughput over the bytes read in full; meaningful only when no file was checked by its header alone. */
        public double gbPerSecond() {
            return nanos == 0 ? 0 : bytesRead / (double) nanos;
        }

        void add(final FileResult r) {
            files++;
            bytes += r.bytes();
            if (r.isHeaderOnly()) {
                headerOnlyFiles++;
            } else if (r.status() != FileResult.Status.UNREADABLE) {
                bytesRead += r.bytes();
            }
            inputs += r.inputs();
            validInputs += r.validInputs();
            invalidInputs += r.invalidInputs();
            switch (r.status()) {
                case VALID:
                    validFiles++;
                    break;
                case INVALID:
                    invalidFiles++;
                    break;
                default:
                    unreadableFiles++;
            }
        }
    }

    /** Listener for each finished file, called on the worker thread in completion order. */
    public interface Listener {
        void fileDone(FileResult r);
    }

    /** Receives each result in input order, on the calling thread. */
    public interface Sink {
        void accept(FileResult r);
    }

    /** The path that stands for standard input. */
    public static final Path STDIN = Path.of("-");

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

    /** Runs and collects every result (for callers that want them all; {@link #run(List, Listener, Totals, Sink)} streams). */
    public List<FileResult> run(final List<Path> files, final Listener listener, final Totals totals)
        throws InterruptedException {
        final List<FileResult> all = new ArrayList<>();
        run(files, listener, totals, all::add);
        return all;
    }

    /** Runs, handing each result to {@code sink} in input order; fills {@code totals}. */
    public void run(final List<Path> files, final Listener listener, final Totals totals, final Sink sink)
        throws InterruptedException {
        final long t0 = System.nanoTime();
        // fail-fast: the input index of the first file found not valid; files after it are neither validated
        // nor reported, files before it always are (a later file may fail first on another thread)
        final AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
        final ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            final Thread t = new Thread(r, "signet-validate");
            t.setDaemon(true);
            return t;
        });
        final ArrayDeque<Future<FileResult>> inFlight = new ArrayDeque<>();
        final int window = 2 * jobs;
        int next = 0;
        boolean stopped = false;
        try {
            while (next < files.size() || !inFlight.isEmpty()) {
                while (next < files.size() && inFlight.size() < window && next <= firstFailure.get()) {
                    final int index = next++;
                    final Path f = files.get(index);
                    inFlight.add(pool.submit(() -> {
                        if (index > firstFailure.get()) {
                            return null; // after a file that failed under --fail-fast
                        }
                        final FileResult r = validateOne(f);
                        if (failFast && r.status() != FileResult.Status.VALID) {
                            firstFailure.accumulateAndGet(index, Math::min);
                        }
                        listener.fileDone(r);
                        return r;
                    }));
                }
                if (inFlight.isEmpty()) {
                    break;
                }
                final FileResult r = get(inFlight.poll());
                if (r == null || stopped) {
                    continue; // not validated, or after the first failure (fail-fast): not reported
                }
                totals.add(r);
                sink.accept(r);
                if (failFast && r.status() != FileResult.Status.VALID) {
                    stopped = true;
                }
            }
            totals.stoppedEarly = stopped && totals.files < files.size();
            totals.nanos = System.nanoTime() - t0;
        } finally {
            pool.shutdownNow();
        }
    }

    private static FileResult get(final Future<FileResult> f) throws InterruptedException {
        try {
            return f.get();
        } catch (final ExecutionException e) {
            // validateOne catches everything; this is a bug in the run itself
            throw new IllegalStateException("validation task failed unexpectedly", e.getCause());
        }
    }

    private FileResult validateOne(final Path f) {
        final FileValidator chosen = chooser(f);
        long size = 0;
        try {
            // stdin and entries the walk refused are not files to measure (a link out is not followed)
            size = (chosen == null || chosen.needsFile()) && Files.isRegularFile(f) ? Files.size(f) : 0;
        } catch (final IOException ignored) {
            // reported below as unreadable
        }
        final FileResult r = new FileResult(f, size, maxErrors);
        try {
            validateInto(f, chosen, r);
        } catch (final Throwable e) { // an Error too (OutOfMemoryError, StackOverflowError): this file fails, the run goes on
            r.unreadable(null, "Signet failed on this file: " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + io.signet.json.Json.excerpt(e.getMessage(), 200)));
        }
        return r;
    }

    private FileValidator chooser(final Path f) {
        for (final FileValidator v : validators) {
            if (v.accepts(f)) {
                return v;
            }
        }
        return null;
    }

    private void validateInto(final Path f, final FileValidator chosen, final FileResult r) {
        if (chosen == null || chosen.needsFile()) {
            if (!Files.exists(f)) {
                r.unreadable(null, "no such file");
                return;
            }
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                r.unreadable(null, "not a readable regular file");
                return;
            }
        }
        if (chosen == null) {
            r.unreadable(null, "unsupported file type (Signet reads " + String.join(", ", FileWalker.EXTENSIONS) + ")");
            return;
        }
        chosen.validate(f, r);
    }
}
