package io.signet.serve;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /metrics} reports, in Prometheus' text format (version 0.0.4): requests by
 * endpoint, status and error code; request and response bytes; a latency histogram (HdrHistogram,
 * 3 significant digits, read into fixed Prometheus buckets at scrape time) with p50/p99/p99.9
 * beside it; decoded inputs per path; upstream outcomes in gateway mode; requests in flight.
 *
 * <p>Recording is lock-free and allocation-free once a (endpoint, status, error code) series
 * exists: {@link LongAdder}s, and an HdrHistogram {@link Recorder} whose interval histograms are
 * folded into a running total by the (synchronized, rare) scrape.
 */
public final class Metrics {
    /** Prometheus bucket bounds, in seconds (the {@code le} labels). */
    private static final String[] BUCKETS = {"0.00005", "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005",
        "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"};
    private static final long MAX_TRACKED_NANOS = 3_600_000_000_000L;

    /** The endpoints, as labelled in {@code signet_requests_total}. */
    public enum Endpoint {
        INVOCATIONS("/invocations"),
        PING("/ping"),
        HEALTH("/health"),
        VERSION("/version"),
        METRICS("/metrics"),
        V2_INFER("/v2/models/{name}/infer"),
        V2_MODEL("/v2/models/{name}"),
        V2_HEALTH("/v2/health"),
        V2_SERVER("/v2"),
        FORWARDED("forwarded"),
        OTHER("other");

        final String label;

        Endpoint(final String label) {
            this.label = label;
        }
    }

    /** What an accepted request handed to the model, as the library's context reports it. */
    public enum Decoded {
        /** Tensor inputs (off-heap, in the worker's context). */
        TENSORS("tensors"),
        /** Column inputs (the context's column batch). */
        COLUMNS("columns"),
        /** Nothing to hand out (a model without an input schema). */
        NONE("none"),
        /** A KServe v2 request (checked; its tensors are not handed out). */
        V2("v2");

        final String label;

        Decoded(final String label) {
            this.label = label;
        }
    }

    private final ConcurrentHashMap<String, AtomicReferenceArray<LongAdder>>[] requests =
        new ConcurrentHashMap[Endpoint.values().length];
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder latencySumNanos = new LongAdder();
    private final LongAdder[] decoded = new LongAdder[Decoded.values().length];
    private volatile java.util.function.ToLongFunction<io.signet.serving.ScoringServer.Fallback> fallbacks;
    private final ConcurrentHashMap<String, LongAdder> upstream = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private Histogram interval;

    public Metrics() {
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = new LongAdder();
        }
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new ConcurrentHashMap<>();
        }
    }

    /** One answered request. {@code errorCode} null for none (200, 415 plain text, ...). */
    public void request(final Endpoint endpoint, final int status, final String errorCode, final long in, final long out,
                        final long nanos) {
        series(endpoint, status, errorCode).increment();
        bytesIn.add(in);
        bytesOut.add(out);
        latencySumNanos.add(nanos);
        recorder.recordValue(Math.max(1, Math.min(nanos, MAX_TRACKED_NANOS)));
    }

    /** The counter of one series; allocation-free once it exists. */
    private LongAdder series(final Endpoint endpoint, final int status, final String errorCode) {
        final ConcurrentHashMap<String, AtomicReferenceArray<LongAdder>> byCode = requests[endpoint.ordinal()];
        final String code = errorCode == null ? "" : errorCode;
        AtomicReferenceArray<LongAdder> byStatus = byCode.get(code);
        if (byStatus == null) {
            byStatus = byCode.computeIfAbsent(code, k -> new AtomicReferenceArray<>(500));
        }
        final int i = status >= 100 && status < 600 ? status - 100 : 499;
        final LongAdder a = byStatus.get(i);
        if (a != null) {
            return a;
        }
        byStatus.compareAndSet(i, null, new LongAdder());
        return byStatus.get(i);
    }

    public void decoded(final Decoded what) {
        decoded[what.ordinal()].increment();
    }

    /** Where {@code signet_fastpath_fallbacks_total} comes from (the library's own counters, read at scrape time). */
    void fallbacksFrom(final java.util.function.ToLongFunction<io.signet.serving.ScoringServer.Fallback> f) {
        fallbacks = f;
    }

    /** A gateway outcome: {@code forwarded}, {@code unavailable} (503), {@code timeout} (504), {@code broken}. */
    public void upstream(final String outcome) {
        upstream.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    /** Requests received whose response is not fully written yet. */
    public long inFlight() {
        return inFlight.get();
    }

    /** Requests answered with that endpoint, status and error code (null: none) so far. */
    public long count(final Endpoint endpoint, final int status, final String errorCode) {
        final AtomicReferenceArray<LongAdder> byStatus = requests[endpoint.ordinal()].get(errorCode == null ? ""
            : errorCode);
        final LongAdder a = byStatus == null || status < 100 || status >= 600 ? null : byStatus.get(status - 100);
        return a == null ? 0 : a.sum();
    }

    public long decodedCount(final Decoded what) {
        return decoded[what.ordinal()].sum();
    }

    /** The Prometheus text exposition. */
    public synchronized String render() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP signet_requests_total Requests answered, by endpoint, HTTP status and MLflow error code.\n")
            .append("# TYPE signet_requests_total counter\n");
        for (final Endpoint ep : Endpoint.values()) {
            for (final Map.Entry<String, AtomicReferenceArray<LongAdder>> e
                : new TreeMap<>(requests[ep.ordinal()]).entrySet()) {
                for (int i = 0; i < 500; i++) {
                    final LongAdder a = e.getValue().get(i);
                    if (a != null) {
                        sb.append("signet_requests_total{endpoint=\"").append(ep.label).append("\",status=\"")
                            .append(i + 100).append("\",error_code=\"").append(e.getKey()).append("\"} ")
                            .append(a.sum()).append('\n');
                    }
                }
            }
        }
        counter(sb, "signet_request_bytes_total", "Request body bytes received.", bytesIn.sum());
        counter(sb, "signet_response_bytes_total", "Response body bytes sent.", bytesOut.sum());
        sb.append("# HELP signet_request_duration_seconds Time from the request head to the last response byte "
            + "handed to the socket.\n# TYPE signet_request_duration_seconds histogram\n");
        for (final String b : BUCKETS) {
            final long n = total.getCountBetweenValues(0, new java.math.BigDecimal(b).movePointRight(9).longValue());
            sb.append("signet_request_duration_seconds_bucket{le=\"").append(b).append("\"} ").append(n).append('\n');
        }
        sb.append("signet_request_duration_seconds_bucket{le=\"+Inf\"} ").append(total.getTotalCount()).append('\n')
            .append("signet_request_duration_seconds_sum ").append(latencySumNanos.sum() / 1e9).append('\n')
            .append("signet_request_duration_seconds_count ").append(total.getTotalCount()).append('\n');
        sb.append("# HELP signet_request_duration_quantile_seconds Latency percentiles since start (HdrHistogram).\n"
            + "# TYPE signet_request_duration_quantile_seconds gauge\n");
        for (final double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            sb.append("signet_request_duration_quantile_seconds{quantile=\"").append(q).append("\"} ")
                .append(total.getValueAtPercentile(q * 100) / 1e9).append('\n');
        }
        sb.append("# HELP signet_inputs_decoded_total Accepted requests by what they handed to the model.\n"
            + "# TYPE signet_inputs_decoded_total counter\n");
        for (final Decoded p : Decoded.values()) {
            sb.append("signet_inputs_decoded_total{kind=\"").append(p.label).append("\"} ")
                .append(decoded[p.ordinal()].sum()).append('\n');
        }
        final java.util.function.ToLongFunction<io.signet.serving.ScoringServer.Fallback> fb = fallbacks;
        if (fb != null) {
            sb.append("# HELP signet_fastpath_fallbacks_total Requests the library's streaming readers handed to its "
                + "exact path, by cause.\n# TYPE signet_fastpath_fallbacks_total counter\n");
            for (final io.signet.serving.ScoringServer.Fallback f : io.signet.serving.ScoringServer.Fallback.values()) {
                sb.append("signet_fastpath_fallbacks_total{cause=\"").append(f.name().toLowerCase(java.util.Locale.ROOT))
                    .append("\"} ").append(fb.applyAsLong(f)).append('\n');
            }
        }
        if (!upstream.isEmpty()) {
            sb.append("# HELP signet_upstream_total Gateway outcomes.\n# TYPE signet_upstream_total counter\n");
            for (final Map.Entry<String, LongAdder> e : new TreeMap<>(upstream).entrySet()) {
                sb.append("signet_upstream_total{outcome=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue().sum()).append('\n');
            }
        }
        sb.append("# HELP signet_requests_in_flight Requests received and not yet fully answered.\n"
            + "# TYPE signet_requests_in_flight gauge\nsignet_requests_in_flight ").append(inFlight.get()).append('\n');
        return sb.toString();
    }

    private static void counter(final StringBuilder sb, final String name, final String help, final long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
            .append(" counter\n").append(name).append(' ').append(v).append('\n');
    }
}
