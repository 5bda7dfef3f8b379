package io.signet.serve;

import io.signet.json.Limits;
import io.signet.schema.ModelDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code signet serve}: MLflow's scoring endpoints in front of (gateway) or beside (sidecar) a
 * model, plus KServe v2 and Prometheus metrics. SIGTERM (or Ctrl-C) drains: stop accepting, finish
 * the requests in flight, exit 0.
 */
@Command(name = "signet serve", mixinStandardHelpOptions = true, versionProvider = ServeMain.Version.class,
    description = {"Validates MLflow scoring requests at line rate: answers MLflow's rejection for a bad request, "
        + "and for a good one either a small JSON document (validation / sidecar mode) or the upstream model "
        + "server's own response (gateway mode, --upstream). Also serves KServe v2 and GET /metrics."})
public final class ServeMain implements Callable<Integer> {
    /** The version the build wrote into signet-version.properties from the root pom's {@code <revision>}. */
    static final String VERSION = readVersion();

    private static String readVersion() {
        try (java.io.InputStream in = ServeMain.class.getResourceAsStream("signet-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            final java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (final java.io.IOException e) {
            return "unknown";
        }
    }

    /** {@code signet serve --version}. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"signet serve " + VERSION};
        }
    }

    @Option(names = "--model", required = true, paramLabel = "DIR",
        description = "MLflow model directory (or its MLmodel file, or a signature JSON file)")
    Path model;

    @Option(names = "--mlflow", paramLabel = "2|3",
        description = "MLflow version whose rules apply (default: the model's mlflow_version)")
    Integer mlflow;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "5000", description = "port (default: ${DEFAULT-VALUE}; 0: any free port)")
    int port;

    @Option(names = "--upstream", paramLabel = "URL",
        description = "gateway mode: forward valid requests to this MLflow scoring server (http://host:port)")
    URI upstream;

    @Option(names = "--workers", paramLabel = "N", description = "event-loop threads (default: available processors)")
    Integer workers;

    @Option(names = "--name", description = "model name on the KServe v2 endpoints (default: the directory's name)")
    String name;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "largest request body (default: 64 MiB)")
    Long maxBody;

    @Option(names = "--connect-timeout-ms", defaultValue = "2000", description = "upstream connect timeout")
    long connectTimeoutMs;

    @Option(names = "--read-timeout-ms", defaultValue = "60000",
        description = "upstream read timeout (MLflow's default request timeout is 60 s)")
    long readTimeoutMs;

    @Option(names = "--upstream-connections", defaultValue = "64", description = "most upstream connections")
    int upstreamConnections;

    @Option(names = "--drain-timeout-ms", defaultValue = "30000",
        description = "longest wait for requests in flight on shutdown")
    long drainTimeoutMs;

    @Option(names = "--log-requests", description = "one line per request on stderr (never the body)")
    boolean logRequests;

    public static void main(final String[] args) {
        final CommandLine cl = new CommandLine(new ServeMain());
        final int code = cl.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (mlflow != null && mlflow != 2 && mlflow != 3) {
            System.err.println("signet serve: --mlflow must be 2 or 3, got " + mlflow);
            return 2;
        }
        Limits limits = Limits.DEFAULT;
        if (maxBody != null) {
            limits = limits.withMaxDocumentBytes(maxBody);
        }
        final ServeOptions o = new ServeOptions().host(host).port(port).upstream(upstream).modelName(name)
            .limits(limits).logRequests(logRequests).connectTimeout(Duration.ofMillis(connectTimeoutMs))
            .readTimeout(Duration.ofMillis(readTimeoutMs)).upstreamConnections(upstreamConnections)
            .drainTimeout(Duration.ofMillis(drainTimeoutMs));
        if (workers != null) {
            o.workers(workers);
        }
        final ServedModel m;
        try {
            m = ServedModel.open(model, name, limits, mlflow == null ? null
                : mlflow == 2 ? io.signet.enforce.Profile.MLFLOW_2 : io.signet.enforce.Profile.MLFLOW_3);
        } catch (ModelDirectory.ModelFileException e) {
            System.err.println("signet serve: " + e.getMessage());
            return 2;
        }
        final SignetService service = new SignetService(m, o);
        final SignetServer server;
        try {
            server = SignetServer.start(service, o);
        } catch (RuntimeException e) {
            service.close();
            System.err.println("signet serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return 2;
        }
        final Thread hook = new Thread(() -> {
            final long inFlight = service.metrics().inFlight();
            server.close();
            System.err.println("signet serve: stopped (" + inFlight + " requests were in flight)");
        }, "signet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("signet serve: model " + m.name() + " (" + describe(m) + "; rules of "
            + m.profile().describe() + ") on http://" + host + ":"
            + server.port() + ", " + (upstream == null ? "validation mode" : "gateway to " + upstream) + ", "
            + o.workers + " workers, " + (Transports.epoll() ? "epoll" : "nio"));
        server.awaitClose();
        // the shutdown hook drains; the JVM exits once it returns
        return 0;
    }

    private static String describe(final ServedModel m) {
        if (m.signature() == null || m.signature().inputs() == null) {
            return "no signature: nothing enforced";
        }
        return (m.signature().inputs().isTensorSpec() ? "tensor" : "column") + " signature, "
            + m.signature().inputs().size() + " inputs, MLflow " + m.mlflowVersion();
    }
}
