package io.signet.cli;

import io.signet.validate.DemoData;
import io.signet.validate.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code signet demo}: the README's main job. Generates (once) a batch of MNIST-like tensor files
 * and captured requests, mostly valid with a few of every kind of failure, then validates it
 * against the shipped MNIST model on all cores and prints the report and the throughput.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generates a demo batch (first run only) and validates it against src-test-data/models/mnist-uint8.",
        "Equivalent to: signet validate --model src-test-data/models/mnist-uint8 target/demo"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "where the batch goes (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("target/demo");

    @Option(names = "--files", description = "valid .npy files to generate (default: ${DEFAULT-VALUE})")
    int files = 384;

    @Option(names = "--images-per-file", description = "28x28x1 uint8 images per file (default: ${DEFAULT-VALUE}, about 1 MB)")
    int imagesPerFile = 1024;

    @Option(names = "--model", description = "the model (default: ${DEFAULT-VALUE})")
    Path model = Path.of("src-test-data/models/mnist-uint8");

    @Option(names = "--format", description = "report format, text or json (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Option(names = {"-j", "--jobs"}, description = "threads (default: all cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        final Path marker = dir.resolve(".signet-demo");
        final String want = files + "x" + imagesPerFile;
        if (!Files.isRegularFile(marker) || !Files.readString(marker, StandardCharsets.UTF_8).equals(want)) {
            System.err.println("signet demo: generating " + files + " files of " + imagesPerFile + " images ("
                + Progress.size((long) files * imagesPerFile * 28 * 28) + ") and some rejects into " + dir + " ...");
            DemoData.generate(dir, files, imagesPerFile);
            Files.writeString(marker, want, StandardCharsets.UTF_8);
        }
        final List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--format", format,
            "--jobs", String.valueOf(jobs), dir.toString()));
        System.err.println("signet demo: signet validate " + String.join(" ", args));
        return new CommandLine(new ValidateCommand()).execute(args.toArray(new String[0]));
    }
}
