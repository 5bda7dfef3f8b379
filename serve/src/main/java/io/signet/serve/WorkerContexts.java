package io.signet.serve;

import io.netty.util.concurrent.EventExecutor;
import io.signet.serving.ScoringContext;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ScoringContext} per event-loop thread (or per executor an embedding application runs
 * the handler on), made on its first request and reused for every request on that thread, across
 * models too. A context is not thread-safe: only its executor's thread touches it. Closed when the
 * service closes, after the drain.
 */
final class WorkerContexts implements AutoCloseable {
    private final ConcurrentHashMap<EventExecutor, ScoringContext> byWorker = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The context of the worker running this request; call on that worker's thread only. */
    ScoringContext get(final EventExecutor worker) {
        final ScoringContext c = byWorker.get(worker);
        if (c != null) {
            return c;
        }
        if (closed) {
            throw new IllegalStateException("the service is closed");
        }
        return byWorker.computeIfAbsent(worker, w -> new ScoringContext());
    }

    int size() {
        return byWorker.size();
    }

    @Override
    public void close() {
        closed = true;
        for (final ScoringContext c : byWorker.values()) {
            c.close();
        }
        byWorker.clear();
    }
}
