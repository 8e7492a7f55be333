package dev.tollgate.jobs.cli;

import dev.tollgate.jobs.kafka.StreamingConfiguration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The checkpoint interval and state backend of the commands that run the streaming job. */
final class CheckpointOptions {
    @Option(names = "--checkpoint-interval", defaultValue = "2s", paramLabel = "DURATION",
            converter = KafkaOptions.DurationConverter.class,
            description = "Checkpoint interval; verdicts become visible to read_committed consumers at each "
                    + "checkpoint (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb", defaultValue = "hashmap",
            converter = BackendConverter.class,
            description = "Keyed state: hashmap (heap, checkpoints of the changes only) or rocksdb (local disk, for "
                    + "state larger than the heap, slower per access) (default: ${DEFAULT-VALUE}).")
    StreamingConfiguration.Backend backend;

    /** Reads {@code rocksdb} or {@code hashmap}, in any case. */
    static final class BackendConverter implements ITypeConverter<StreamingConfiguration.Backend> {
        @Override
        public StreamingConfiguration.Backend convert(String value) {
            return StreamingConfiguration.backend(value);
        }
    }
}
