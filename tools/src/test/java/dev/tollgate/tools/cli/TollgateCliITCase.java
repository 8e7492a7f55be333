package dev.tollgate.tools.cli;

import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class TollgateCliITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new TollgateCli()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void replayHelpDocumentsEveryOption() {
        assertThat(run("replay", "--help")).isZero();
        assertThat(out.toString()).contains("--input", "--output", "--dlq", "--late", "--mode", "--parallelism",
                "--config", "--quiet", "Exit codes");
    }

    @Test
    void anUnusableInputPathExitsWithTwoAndOneLine(@TempDir Path dir) {
        int code = run("replay", "--input", dir.resolve("missing.jsonl").toString(), "--output",
                dir.resolve("v.jsonl").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).hasLineCount(1).contains("missing.jsonl").contains("does not exist");
    }

    @Test
    void anInvalidPolicyExitsWithTwoNamingFileAndField(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config.resolve("programs"));
        Files.copy(Path.of("..", "config", "tollgate.yaml"), config.resolve("tollgate.yaml"));
        Files.createDirectories(config.resolve("geo"));
        Files.copy(Path.of("..", "config", "geo", "ip-country-sample.csv"),
                config.resolve("geo/ip-country-sample.csv"));
        Files.writeString(config.resolve("programs/aliexpress-portals.yaml"), Files.readString(
                Path.of("..", "config", "programs", "aliexpress-portals.yaml")).replace("window: P3D", "window: 3d"));
        int code = run("replay", "--input", "../fixtures/scenarios", "--output", dir.resolve("v.jsonl").toString(),
                "--config", config.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).hasLineCount(1).contains("aliexpress-portals.yaml")
                .contains("terms.attributionWindow.window");
    }

    @Test
    void replayWritesTheNewestVerdictOfEveryOrderSortedWithItsDeadLetters(@TempDir Path dir) throws Exception {
        Path verdicts = dir.resolve("verdicts.jsonl");
        Path dlq = dir.resolve("dlq.jsonl");
        int code = run("replay", "--input", "../fixtures/scenarios/alibaba-awin.jsonl", "../fixtures/malformed",
                "--output", verdicts.toString(), "--dlq", dlq.toString(), "--mode", "streaming");
        assertThat(code).as(err.toString()).isZero();
        List<Verdict> lines = Files.readAllLines(verdicts).stream().map(VerdictJson::read).toList();
        assertThat(lines).hasSize(11);
        assertThat(lines).extracting(Verdict::orderId).isSorted().doesNotHaveDuplicates();
        assertThat(Files.readAllLines(dlq)).hasSize(17);
        assertThat(out.toString()).contains("decisions:", "EXCLUDE", "dead letters:");
    }
}
