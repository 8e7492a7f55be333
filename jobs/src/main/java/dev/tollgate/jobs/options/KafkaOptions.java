package dev.tollgate.jobs.options;

import dev.tollgate.jobs.kafka.KafkaClients;
import dev.tollgate.jobs.kafka.TopicNames;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Options shared by the commands that talk to Kafka. */
public final class KafkaOptions {
    @Option(names = {"-b", "--bootstrap"}, required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    public String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = "tollgate.", paramLabel = "PREFIX",
            description = "Prefix of every Tollgate topic (default: ${DEFAULT-VALUE}).")
    public String prefix;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client settings every client of this command uses, as Kafka's tools take them "
                    + "(security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config, "
                    + "ssl.truststore.location, ...); secrets can stay out of it with config providers, e.g. "
                    + "password=\"${env:TOLLGATE_KAFKA_PASSWORD}\". Default: plaintext, no authentication.")
    public Path clientProperties;

    /** The bootstrap servers plus the settings of {@code --kafka-properties} (see {@link KafkaClients}). */
    public Map<String, String> client() {
        try {
            return KafkaClients.of(bootstrap, clientProperties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client settings " + clientProperties + ": "
                    + e.getMessage(), e);
        }
    }

    public TopicNames topics() {
        return new TopicNames(prefix);
    }

    /** Durations as Flink writes them: {@code 2s}, {@code 500 ms}, {@code 1min}, {@code 10 s}. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return TimeUtils.parseDuration(value);
        }
    }
}
