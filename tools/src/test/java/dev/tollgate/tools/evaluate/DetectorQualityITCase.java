package dev.tollgate.tools.evaluate;

import dev.tollgate.fixtures.ScenarioGenerator;

import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.parse.FixtureLabels;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores the detectors against labelled traffic: the generated file kept in the repository, and a freshly generated
 * file from a seed the thresholds were not tuned on. The assertions compare verdicts with labels, so they fail when a
 * detector misses its cases or flags honest look-alikes.
 */
@Timeout(300)
class DetectorQualityITCase {
    private static final double MIN_PRECISION = 0.97;
    private static final double MIN_RECALL = 0.97;
    private static final double MAX_FALSE_FLAG_RATE = 0.003;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private final TollgateConfig config = new ConfigLoader().loadBundled();

    private Evaluation evaluate(Path file) throws Exception {
        Map<String, Label> labels = FixtureLabels.read(List.of(file), config.settings().parserSettings());
        ReplayJob.Result result = new ReplayJob(config, RuntimeExecutionMode.BATCH, 2, Clock.systemUTC())
                .run(List.of(file));
        return new Evaluation(labels, result.verdicts());
    }

    private static void assertQuality(Evaluation e) {
        assertThat(e.missingVerdicts()).isEmpty();
        for (ReasonCode code : ReasonCode.values()) {
            Evaluation.ReasonScore s = e.reason(code.name());
            assertThat(s.support()).as("labelled cases of " + code + "\n" + e.table()).isGreaterThanOrEqualTo(10);
            assertThat(s.precision()).as("precision of " + code + "\n" + e.table())
                    .isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(s.recall()).as("recall of " + code + "\n" + e.table()).isGreaterThanOrEqualTo(MIN_RECALL);
        }
        assertThat(e.cleanOrders()).isGreaterThan(300);
        assertThat(e.falseFlagRate()).as(e.table()).isLessThanOrEqualTo(MAX_FALSE_FLAG_RATE);
        // the ledger pays on eligibleAmount: every labelled amount to the cent, nothing off
        int orders = e.confusion().values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        assertThat(e.amountsLabelled()).as("labels stating the eligible amount").isEqualTo(orders);
        assertThat(e.amountMatchRate()).as(e.table()).isEqualTo(1.0);
        assertThat(e.amountDifference()).as(e.table()).isEmpty();
    }

    @Test
    void theGeneratedFileInTheRepositoryMeetsTheQualityBar() throws Exception {
        assertQuality(evaluate(Path.of("..", "fixtures", "generated", "seed-7-users-400.jsonl")));
    }

    @Test
    void freshTrafficFromAnUntunedSeedMeetsTheQualityBar(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fresh.jsonl");
        Files.write(file, new ScenarioGenerator(20_261_123L, config).generate(800));
        assertQuality(evaluate(file));
    }

    /**
     * Denser traffic (10,000 shoppers, ~88,000 records) fills the per-program statistics: at this size the delay
     * profile once judged a program's main publisher against its small fast remainder and flagged 2.9 % of clean
     * orders. Quality must not depend on how much traffic there is.
     */
    @Test
    void qualityHoldsWhenTrafficIsTwentyFiveTimesDenser(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dense.jsonl");
        Files.write(file, new ScenarioGenerator(4_242L, config).generate(10_000));
        assertQuality(evaluate(file));
    }

    @Test
    void theGeneratorIsDeterministic() {
        List<String> a = new ScenarioGenerator(99, config).generate(50);
        List<String> b = new ScenarioGenerator(99, config).generate(50);
        List<String> c = new ScenarioGenerator(100, config).generate(50);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(Arrays.stream(ReasonCode.values()).map(Enum::name))
                .allSatisfy(code -> assertThat(a).anyMatch(line -> line.contains("\"" + code + "\"")));
    }
}
