package dev.tollgate.jobs.replay;

import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;
import dev.tollgate.detectors.parse.FixtureLabels;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.tollgate.jobs.fixtures.FixtureScaler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the bundled scenarios on a MiniCluster at parallelism 2 and checks every verdict against its label. */
@Timeout(180)
class ReplayITCase {
    private static final int PARALLELISM = 2;
    private static final int COPIES = 60;
    private static final Path SCENARIOS = Path.of("..", "fixtures", "scenarios");
    private static final Path MALFORMED = Path.of("..", "fixtures", "malformed");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());

    private static TollgateConfig config;
    private static List<Path> scenarioFiles;
    private static Map<String, Label> labels;

    @BeforeAll
    static void load() throws Exception {
        config = new ConfigLoader().loadBundled();
        scenarioFiles = InputFiles.resolve(List.of(SCENARIOS));
        labels = FixtureLabels.read(scenarioFiles, config.settings().parserSettings());
    }

    private static ReplayJob.Result replay(RuntimeExecutionMode mode, List<Path> files) throws Exception {
        return new ReplayJob(config, mode, PARALLELISM, CLOCK).run(files);
    }

    @Test
    void everyLabelledOrderGetsExactlyItsLabelledFinalVerdict() throws Exception {
        ReplayJob.Result result = replay(RuntimeExecutionMode.BATCH, scenarioFiles);

        assertThat(labels).hasSizeGreaterThanOrEqualTo(60);
        Map<String, Verdict> byOrder = result.verdicts().stream()
                .collect(Collectors.toMap(Verdict::orderId, v -> v));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(labels.keySet());
        Map<String, String> mismatches = new TreeMap<>();
        labels.forEach((orderId, label) -> {
            Verdict v = byOrder.get(orderId);
            List<String> codes = v.reasons().stream().map(Reason::code).distinct().sorted().toList();
            List<String> expected = label.reasons().stream().sorted().toList();
            if (!v.decision().name().equals(label.decision()) || !codes.equals(expected)) {
                mismatches.put(orderId, "expected " + label + " got " + v.decision() + " " + codes);
            }
        });
        assertThat(mismatches).isEmpty();
        assertThat(result.verdicts()).allSatisfy(v -> {
            assertThat(v.fin()).as("final " + v.orderId()).isTrue();
            assertThat(v.policyVersion()).startsWith(v.program() + "@");
            assertThat(v.decidedAt()).isEqualTo(CLOCK.millis());
        });
        assertThat(result.deadLetters()).isEmpty();
    }

    /**
     * Overlapping copies of every scenario (six hours apart, dense enough that the join forgets clicks while their orders are open) make the streaming run see interleaved traffic, clicks
     * expiring in the join while their orders are still open, and refunds arriving long after completion.
     */
    @Test
    void batchAndStreamingGiveTheSameFinalVerdicts(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path f : scenarioFiles) {
            lines.addAll(Files.readAllLines(f));
        }
        Path traffic = dir.resolve("traffic.jsonl");
        FixtureScaler.scale(lines, COPIES, Duration.ofHours(6), traffic);
        List<Verdict> batch = replay(RuntimeExecutionMode.BATCH, List.of(traffic)).verdicts();
        List<Verdict> streaming = replay(RuntimeExecutionMode.STREAMING, List.of(traffic)).verdicts();
        assertThat(batch).hasSize(COPIES * labels.size());
        assertThat(streaming).hasSameSizeAs(batch);
        for (int i = 0; i < batch.size(); i++) {
            Verdict b = batch.get(i);
            Verdict s = streaming.get(i);
            assertThat(s.orderId()).isEqualTo(b.orderId());
            assertThat(s.sameOutcome(b)).as("same outcome for " + b.orderId() + ":\n" + b + "\n" + s).isTrue();
            assertThat(s.eventTime()).isEqualTo(b.eventTime());
        }
    }

    /** The generated traffic exercises the detectors: trails, bursts revealed later, publisher delay profiles. */
    @Test
    void batchAndStreamingAgreeOnGeneratedTraffic() throws Exception {
        List<Path> generated = List.of(Path.of("..", "fixtures", "generated", "seed-7-users-400.jsonl"));
        List<Verdict> batch = replay(RuntimeExecutionMode.BATCH, generated).verdicts();
        List<Verdict> streaming = replay(RuntimeExecutionMode.STREAMING, generated).verdicts();
        assertThat(streaming).hasSameSizeAs(batch);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(streaming.get(i).sameOutcome(batch.get(i)))
                    .as("same outcome for " + batch.get(i) + "\n" + streaming.get(i)).isTrue();
        }
    }

    @Test
    void everyKindOfBadRecordGoesToTheDeadLetterOutputAndTheRestIsScored() throws Exception {
        ReplayJob.Result result = replay(RuntimeExecutionMode.STREAMING,
                List.of(MALFORMED.resolve("bad-records.jsonl"), SCENARIOS.resolve("aliexpress-megabonus.jsonl")));
        List<String> badLines = Files.readAllLines(MALFORMED.resolve("bad-records.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(result.deadLetters()).hasSize(badLines.size());
        assertThat(result.deadLetters()).extracting(DeadLetter::raw).containsExactlyInAnyOrderElementsOf(badLines);
        assertThat(result.deadLetters()).extracting(DeadLetter::kind).contains(ErrorKind.NOT_JSON, ErrorKind.OVERSIZE,
                ErrorKind.MISSING_FIELD, ErrorKind.WRONG_TYPE, ErrorKind.BAD_ENUM, ErrorKind.BAD_TIMESTAMP,
                ErrorKind.BAD_VALUE, ErrorKind.UNKNOWN_TYPE);
        assertThat(result.deadLetters()).allSatisfy(d -> {
            assertThat(d.source()).isEqualTo("bad-records.jsonl");
            assertThat(d.reason()).isNotBlank();
        });
        assertThat(result.deadLetters()).anySatisfy(d -> assertThat(d.reason())
                .contains("program 'no-such-program' has no policy"));
        long megabonusOrders = labels.keySet().stream().filter(id -> id.startsWith("mb-") || id.startsWith("82"))
                .count();
        assertThat(result.verdicts()).hasSize((int) megabonusOrders);
    }
}
