package io.signet.spark;

import io.signet.spark.bench.SparkScanBench;
import io.signet.spark.cli.SparkMain;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code signet spark} on the benchmark's generated data: exactly the planted rows, in violations/ and summary.json. */
class SparkCommandTest {
    static Path data;

    @BeforeAll
    static void generate() throws Exception {
        data = TestSpark.dir("generated");
        SparkScanBench.generate(TestSpark.session(), data, 110_000, 200);
    }

    static Set<Long> planted(final String name) throws Exception {
        final Set<Long> s = new TreeSet<>();
        for (final String l : Files.readAllLines(data.resolve(name))) {
            s.add(Long.parseLong(l.trim()));
        }
        return s;
    }

    static int run(final String... args) {
        return new CommandLine(new SparkMain()).execute(args);
    }

    @Test
    void columnsReportExactlyThePlantedRows() throws Exception {
        final Path out = TestSpark.dir("out-columns");
        // the planted rows are MLflow 2.17.2's violations; a bare signature JSON defaults to MLflow 3's rules
        assertEquals(1, run("--model", data.resolve("model-columns").resolve("signature.json").toString(),
            "--input", data.resolve("columns").toString(), "--output", out.toString(), "--id-column", "id",
            "--sample", "10", "--mlflow", "2", "-q"));
        final Set<Long> got = new TreeSet<>();
        for (final Row r : TestSpark.session().read().parquet(out.resolve("violations").toString()).select("id")
            .collectAsList()) {
            got.add(r.getLong(0));
        }
        final Set<Long> want = planted("planted-columns.txt");
        assertEquals(Set.of(7L, 11L, 13L, 99_984L, 99_998L, 100_000L), want);
        assertEquals(want, got);
        final String summary = new String(Files.readAllBytes(out.resolve("summary.json")), StandardCharsets.UTF_8);
        assertTrue(summary.contains("\"rows_checked\": 110000,"), summary);
        assertTrue(summary.contains("\"rows_invalid\": 6,"), summary);
        assertTrue(summary.contains("\"violations_per_error_code\": {\"INVALID_PARAMETER_VALUE\": 6}"), summary);
        // MLflow's limit(10) holds ids 0..9 of one partition: it accepts, and misses all six
        assertTrue(summary.contains("\"mlflow_sample\": {\"rows\": 10, \"accepted\": true, \"message\": null, "
            + "\"invalid_rows_missed\": 6}"), summary);
    }

    @Test
    void mlflow3AcceptsWhatItsRulesAccept() throws Exception {
        // the same data under MLflow 3.6's rules (the default for a bare signature JSON): the signature's array column
        // has no 'required', so it is optional and MLflow 3.6 accepts a null array and a null element inside it
        // (asked of the 3.6 oracle: 200 for both; 2.17.2 answers 400); a null in the long column stays a violation
        final Path out = TestSpark.dir("out-columns3");
        assertEquals(1, run("--model", data.resolve("model-columns").resolve("signature.json").toString(),
            "--input", data.resolve("columns").toString(), "--output", out.toString(), "--id-column", "id", "-q"));
        final Set<Long> got = new TreeSet<>();
        for (final Row r : TestSpark.session().read().parquet(out.resolve("violations").toString()).select("id")
            .collectAsList()) {
            got.add(r.getLong(0));
        }
        assertEquals(Set.of(7L, 99_998L), got);
        final String summary = new String(Files.readAllBytes(out.resolve("summary.json")), StandardCharsets.UTF_8);
        assertTrue(summary.contains("\"rows_invalid\": 2,"), summary);
    }

    @Test
    void tensorsReportExactlyThePlantedRows() throws Exception {
        final Path out = TestSpark.dir("out-tensors");
        assertEquals(1, run("-m", data.resolve("model-tensors").resolve("signature.json").toString(),
            "-i", data.resolve("tensors").toString(), "-o", out.toString(), "--id-column", "id", "-q"));
        final Set<Long> got = new TreeSet<>();
        for (final Row r : TestSpark.session().read().parquet(out.resolve("violations").toString()).select("id")
            .collectAsList()) {
            got.add(r.getLong(0));
        }
        assertEquals(Set.of(17L, 19L, 23L, 29L), planted("planted-tensors.txt"));
        assertEquals(planted("planted-tensors.txt"), got);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        final Path out = TestSpark.dir("out-bad");
        assertEquals(2, run("-m", data.resolve("no-such-model").toString(), "-i", data.resolve("columns").toString(),
            "-o", out.toString()));
        assertEquals(2, run("-m", data.resolve("model-columns").resolve("signature.json").toString(),
            "-i", data.resolve("columns").toString(), "-o", out.toString(), "--id-column", "nope"));
    }
}
