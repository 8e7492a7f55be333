package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.jobs.fixtures.ScenarioGenerator;
import dev.tollgate.jobs.replay.ReplayJob;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming job under its production defaults (heap state checkpointed incrementally through the changelog
 * backend into a checkpoint directory) holds a state larger than the 5 MB a job-manager checkpoint may carry, which crash-looped the job when
 * checkpoints went to the job manager's memory: every checkpoint completes, the job never restarts, and the verdicts
 * equal the replay's.
 */
@Timeout(300)
class LargeStateITCase {
    private static final long JOB_MANAGER_STATE_LIMIT = 5L * 1024 * 1024;
    private static final Duration MAX_WAIT = Duration.ofSeconds(180);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startOnFreePort();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aStateAboveTheJobManagersLimitCheckpointsWithoutFailuresOrRestarts(@TempDir Path dir,
                                                                           @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        TollgateConfig config = KafkaTests.config();
        List<String> traffic = new ScenarioGenerator(515, config).generate(3_000);
        Path file = dir.resolve("traffic.jsonl");
        Files.write(file, traffic);
        Map<String, String> expected = KafkaTests.outcomes(new ReplayJob(config, RuntimeExecutionMode.BATCH, 2,
                Clock.systemUTC()).run(List.of(file)).verdicts());

        TopicNames topics = new TopicNames("state.");
        TopicAdmin.ensureTopics(broker.bootstrapServers(), topics);
        try (FixtureLoader loader = new FixtureLoader(broker.bootstrapServers(), topics,
                config.settings().parserSettings())) {
            loader.load(traffic, 0, n -> { });
        }
        Configuration conf = StreamingConfiguration.of(2, Duration.ofMillis(500), dir.resolve("state").toString(),
                StreamingConfiguration.Backend.HASHMAP, null);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        StreamingJob.build(env, config, StreamingJob.Options.defaults(broker.bootstrapServers(), topics), s -> s);
        JobClient job = env.executeAsync("tollgate large state");
        try {
            // checkpoints triggered while the tasks are still starting are refused ("not all required tasks are
            // currently running") and counted as failed: only failures after the first completed one count
            long largest = 0;
            long failedAtStart = -1;
            long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (largest <= JOB_MANAGER_STATE_LIMIT && System.nanoTime() < deadline) {
                CheckpointStatsSnapshot stats = checkpoints(cluster, job.getJobID());
                if (stats.getHistory().getLatestCompletedCheckpoint() != null) {
                    if (failedAtStart < 0) {
                        failedAtStart = stats.getCounts().getNumberOfFailedCheckpoints();
                    }
                    largest = Math.max(largest, stats.getHistory().getLatestCompletedCheckpoint().getStateSize());
                }
                Thread.sleep(200);
            }
            assertThat(largest).as("state of a completed checkpoint").isGreaterThan(JOB_MANAGER_STATE_LIMIT);

            List<Verdict> all = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(), MAX_WAIT,
                    MAX_WAIT, v -> KafkaTests.outcomes(KafkaTests.newestPerOrder(v)).equals(expected));
            assertThat(KafkaTests.outcomes(KafkaTests.newestPerOrder(all))).isEqualTo(expected);
            CheckpointStatsSnapshot stats = checkpoints(cluster, job.getJobID());
            List<String> failures = new java.util.ArrayList<>();
            stats.getHistory().getCheckpoints().forEach(c -> {
                if (c instanceof org.apache.flink.runtime.checkpoint.FailedCheckpointStats f) {
                    failures.add(f.getCheckpointId() + ": " + f.getFailureMessage());
                }
            });
            assertThat(stats.getCounts().getNumberOfFailedCheckpoints() - failedAtStart)
                    .as("checkpoints failed after the first completed one " + failures).isZero();
            assertThat(stats.getCounts().getNumberOfCompletedCheckpoints()).isGreaterThan(1);
            assertThat(stats.getCounts().getNumberOfRestoredCheckpoints()).as("restores").isZero();
        } finally {
            job.cancel().get();
        }
    }

    private static CheckpointStatsSnapshot checkpoints(MiniCluster cluster, JobID job) throws Exception {
        return cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot();
    }
}
