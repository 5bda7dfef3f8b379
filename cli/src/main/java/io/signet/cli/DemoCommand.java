package io.signet.cli;

import io.signet.validate.DemoData;
import io.signet.validate.FileResult;
import io.signet.validate.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code signet demo}: the README's main job. Generates (once) a batch of MNIST-like tensor files
 * and captured requests, mostly valid with a few of every kind of failure, validates it against
 * the shipped MNIST model on all cores, prints the report and the throughput, and then checks that
 * every file got the verdict planted in it (exit 0 when so, 1 otherwise). The model and the batch
 * are found relative to the Signet repository, whatever the working directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Generates a demo batch (first run only) into target/demo of the Signet repository, validates it "
        + "against src-test-data/models/mnist-uint8 (as signet validate --model src-test-data/models/mnist-uint8 "
        + "target/demo does), and checks that every file got the verdict planted in it.",
        "",
        "Exit codes: 0 every file got its planted verdict, 1 some did not, 2 usage or I/O error."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "where the batch goes (default: target/demo in the "
        + "repository)")
    Path dir;

    @Option(names = "--files", paramLabel = "N", description = "valid .npy files to generate (default: ${DEFAULT-VALUE})")
    int files = 384;

    @Option(names = "--images-per-file", paramLabel = "N", description = "28x28x1 uint8 images per file (default: "
        + "${DEFAULT-VALUE}, about 0.8 MB)")
    int imagesPerFile = 1024;

    @Option(names = "--model", paramLabel = "MODEL", description = "the model (default: src-test-data/models/mnist-uint8 "
        + "in the repository)")
    Path model;

    @Option(names = "--format", paramLabel = "text|json", description = "report format (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "threads (default: all cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        final Path home = Home.repository();
        final Path cwd = Path.of("").toAbsolutePath();
        final Path chosen = dir != null ? dir : home.resolve("target/demo");
        // reported as the user sees it: relative when under the working directory (target/demo/...)
        final Path batch = chosen.isAbsolute() && chosen.startsWith(cwd) && !chosen.equals(cwd) ? cwd.relativize(chosen) : chosen;
        final Path m = model != null ? model : home.resolve("src-test-data/models/mnist-uint8");
        final Path mdl = m.isAbsolute() && m.startsWith(cwd) && !m.equals(cwd) ? cwd.relativize(m) : m;
        if (files < 0 || imagesPerFile < 1) {
            System.err.println("signet demo: --files must be at least 0 and --images-per-file at least 1");
            return 2;
        }
        final Path marker = batch.resolve(".signet-demo");
        final String want = files + "x" + imagesPerFile;
        if (!Files.isRegularFile(marker) || !Files.readString(marker, StandardCharsets.UTF_8).equals(want)) {
            System.err.println("signet demo: generating " + files + " files of " + imagesPerFile + " images ("
                + Progress.size((long) files * imagesPerFile * 28 * 28) + ") and some rejects into " + batch + " ...");
            DemoData.generate(batch, files, imagesPerFile);
            Files.writeString(marker, want, StandardCharsets.UTF_8);
        }
        System.err.println("signet demo: signet validate --model " + mdl + " " + batch);
        final ValidateCommand v = new ValidateCommand();
        v.model = mdl;
        v.paths = List.of(batch);
        v.format = format;
        v.jobs = jobs;
        v.quiet = quiet;
        final ValidateCommand.Outcome o = v.run(true);
        if (o.exit == 2) {
            return 2;
        }
        final List<String> wrong = check(batch, o.results, DemoData.planted(files));
        final PrintStream say = v.json() ? System.err : System.out;
        if (wrong.isEmpty()) {
            say.println("demo: all " + o.results.size() + " files got the verdict planted in them (" + o.totals.validFiles
                + " valid, " + o.totals.invalidFiles + " invalid, " + o.totals.unreadableFiles + " unreadable)");
            return 0;
        }
        say.println("demo: " + wrong.size() + " file(s) did not get the verdict planted in them:");
        for (final String w : wrong) {
            say.println("  " + w);
        }
        return 1;
    }

    /** Each planted file against its result: status, and for the captured requests the invalid lines. */
    static List<String> check(final Path batch, final List<FileResult> results, final Map<String, DemoData.Planted> planted) {
        final List<String> wrong = new ArrayList<>();
        final Map<String, DemoData.Planted> left = new java.util.TreeMap<>(planted);
        for (final FileResult r : results) {
            final String rel = batch.relativize(r.path()).toString().replace('\\', '/');
            final DemoData.Planted p = left.remove(rel);
            if (p == null) {
                wrong.add(rel + ": not a file the demo planted (" + r.status() + ")");
                continue;
            }
            if (p.status != r.status()) {
                wrong.add(rel + ": " + r.status() + ", planted " + p.status);
                continue;
            }
            if (!p.invalidLines.isEmpty()) {
                final SortedSet<Long> got = new TreeSet<>();
                for (final FileResult.Problem q : r.problems()) {
                    if (q.line != null) {
                        got.add(q.line);
                    }
                }
                if (!got.equals(p.invalidLines) || r.invalidInputs() != p.invalidLines.size()) {
                    wrong.add(rel + ": invalid lines " + got + ", planted " + p.invalidLines);
                }
            }
        }
        for (final String missing : left.keySet()) {
            wrong.add(missing + ": planted, but not in the report");
        }
        return wrong;
    }
}
