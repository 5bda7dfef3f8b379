package io.signet.serve;

import io.signet.json.Limits;

import java.net.URI;
import java.time.Duration;

/**
 * How a {@link SignetService} and its {@link SignetServer} behave: address, workers, gateway,
 * limits, timeouts, logging. A plain settings object (fluent setters); the service copies what it
 * needs when it is built, so changing it afterwards changes nothing.
 */
public final class ServeOptions {
    String host = "127.0.0.1";
    int port = 5000;
    int workers = Runtime.getRuntime().availableProcessors();
    URI upstream;
    String modelName;
    Limits limits = Limits.DEFAULT;
    boolean logRequests;
    Duration connectTimeout = Duration.ofSeconds(2);
    /** MLflow's own request timeout default (MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT, 60 s). */
    Duration readTimeout = Duration.ofSeconds(60);
    int upstreamConnections = 64;
    int upstreamPendingAcquires = 4096;
    Duration drainTimeout = Duration.ofSeconds(30);

    public ServeOptions host(final String v) {
        host = v;
        return this;
    }

    /** 0 picks a free port ({@link SignetServer#port()} tells which). */
    public ServeOptions port(final int v) {
        if (v < 0 || v > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + v);
        }
        port = v;
        return this;
    }

    /** Event-loop threads; each owns its connections and one scoring context. */
    public ServeOptions workers(final int v) {
        if (v < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + v);
        }
        workers = v;
        return this;
    }

    /** Gateway mode: valid requests go to this {@code http://host:port} (a running MLflow scoring server). */
    public ServeOptions upstream(final URI v) {
        if (v != null && (!"http".equals(v.getScheme()) || v.getHost() == null)) {
            throw new IllegalArgumentException("upstream must be an http://host[:port] URL, got " + v);
        }
        upstream = v;
        return this;
    }

    /** The model's name on the KServe v2 endpoints (default: the model directory's name). */
    public ServeOptions modelName(final String v) {
        modelName = v;
        return this;
    }

    public ServeOptions limits(final Limits v) {
        limits = v;
        return this;
    }

    /** One line per request on stderr (method, path, status, error code, bytes, microseconds); never the body. */
    public ServeOptions logRequests(final boolean v) {
        logRequests = v;
        return this;
    }

    public ServeOptions connectTimeout(final Duration v) {
        connectTimeout = v;
        return this;
    }

    /** Longest wait for the upstream's next bytes (its first ones included) before answering 504. */
    public ServeOptions readTimeout(final Duration v) {
        readTimeout = v;
        return this;
    }

    /** Most open connections to the upstream (per service). */
    public ServeOptions upstreamConnections(final int v) {
        if (v < 1) {
            throw new IllegalArgumentException("upstreamConnections must be at least 1, got " + v);
        }
        upstreamConnections = v;
        return this;
    }

    /** Longest time a graceful shutdown waits for requests in flight. */
    public ServeOptions drainTimeout(final Duration v) {
        drainTimeout = v;
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int workers() {
        return workers;
    }

    public URI upstream() {
        return upstream;
    }

    public Limits limits() {
        return limits;
    }
}
