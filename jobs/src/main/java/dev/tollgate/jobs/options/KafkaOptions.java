package dev.tollgate.jobs.options;

import dev.tollgate.jobs.kafka.TopicNames;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options shared by the commands that talk to Kafka. */
public final class KafkaOptions {
    @Option(names = {"-b", "--bootstrap"}, required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    public String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = "tollgate.", paramLabel = "PREFIX",
            description = "Prefix of every Tollgate topic (default: ${DEFAULT-VALUE}).")
    public String prefix;

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
