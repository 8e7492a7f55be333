package dev.tollgate.tools.kafka;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.jobs.kafka.KafkaClients;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.kafka.StreamingJob;
import dev.tollgate.jobs.kafka.TopicAdmin;
import dev.tollgate.jobs.kafka.TopicNames;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every Kafka client of Tollgate against a broker that asks for SASL/SCRAM credentials, configured the way an operator
 * configures them: a client properties file ({@code --kafka-properties}) whose password is not in it but resolved by
 * a Kafka config provider when each client starts. The job reads, writes its verdicts exactly once and the readers read
 * them; the wrong password is refused.
 */
@Timeout(300)
class KafkaScramITCase {
    private static final String USER = "tollgate-job";
    private static final String PASSWORD = "scram-password-of-the-test-0123456789";
    private static final Path MEGABONUS = Path.of("..", "fixtures", "scenarios", "aliexpress-megabonus.jsonl");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static TollgateConfig config;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startWithScram(USER, PASSWORD);
        config = KafkaTests.config();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** The client settings of a properties file naming {@code password} only through a file config provider. */
    private static Map<String, String> client(String name, String password) throws Exception {
        Path secret = dir.resolve(name + "-secret.properties");
        Files.writeString(secret, "password=" + password + "\n");
        Path file = dir.resolve(name + "-client.properties");
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=" + EmbeddedKafkaBroker.SCRAM_MECHANISM,
                "config.providers=file",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"${file:" + secret.toString().replace("\\", "/") + ":password}\";",
                ""));
        return KafkaClients.of(broker.bootstrapServers(), file);
    }

    @Test
    void theJobAndItsToolsWorkWithScramCredentials() throws Exception {
        Map<String, String> client = client("right", PASSWORD);
        assertThat(client.values()).as("the job graph carries the placeholder, not the password")
                .noneMatch(v -> v.contains(PASSWORD));
        TopicNames topics = new TopicNames("scram.");
        TopicAdmin.ensureTopics(client, topics);
        try (FixtureLoader loader = new FixtureLoader(client, topics, config.settings().parserSettings())) {
            loader.load(Files.readAllLines(MEGABONUS), 0, n -> { });
        }
        Map<String, String> expected = KafkaTests.outcomes(new ReplayJob(config, RuntimeExecutionMode.BATCH, 2,
                Clock.systemUTC()).run(List.of(MEGABONUS)).verdicts());

        Configuration conf = StreamingConfiguration.of(2, Duration.ofMillis(500), null, null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(2);
        StreamingJob.build(env, config, StreamingJob.Options.defaults(client, topics), s -> s);
        JobClient job = env.executeAsync("tollgate scram");
        try {
            List<Verdict> all = VerdictReader.readVerdicts(client, topics.verdicts(), Duration.ofSeconds(120),
                    Duration.ofSeconds(120), v -> KafkaTests.outcomes(KafkaTests.newestPerOrder(v)).equals(expected));
            assertThat(KafkaTests.outcomes(KafkaTests.newestPerOrder(all))).isEqualTo(expected);
            KafkaTests.assertEveryVersionOnce(all);
        } finally {
            KafkaTests.cancelAndAwait(job);
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Map<String, String> client = client("wrong", "not-the-password-of-this-user-0123456789");
        assertThatThrownBy(() -> TopicAdmin.ensureTopics(client, new TopicNames("refused.")))
                .hasStackTraceContaining("Authentication failed");
    }
}
