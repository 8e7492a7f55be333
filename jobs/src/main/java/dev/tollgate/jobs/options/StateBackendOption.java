package dev.tollgate.jobs.options;

import dev.tollgate.jobs.kafka.StreamingConfiguration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code --state-backend} option of the commands that run a streaming job (BATCH execution keeps no such state). */
public final class StateBackendOption {
    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb", defaultValue = "hashmap",
            converter = BackendConverter.class,
            description = "Keyed state of a streaming job: hashmap (heap; checkpoints of the changes only) or rocksdb "
                    + "(local disk: state larger than the heap, slower per access) (default: ${DEFAULT-VALUE}).")
    public StreamingConfiguration.Backend value;

    /** Whether state goes to local disk (RocksDB) rather than the heap. */
    public boolean onDisk() {
        return value == StreamingConfiguration.Backend.ROCKSDB;
    }

    /** Reads {@code rocksdb} or {@code hashmap}, in any case. */
    public static final class BackendConverter implements ITypeConverter<StreamingConfiguration.Backend> {
        @Override
        public StreamingConfiguration.Backend convert(String value) {
            return StreamingConfiguration.backend(value);
        }
    }
}
