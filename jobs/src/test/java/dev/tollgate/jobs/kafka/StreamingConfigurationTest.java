package dev.tollgate.jobs.kafka;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingConfigurationTest {
    @Test
    void aStateDirWithASchemeIsKeptAsWritten() {
        assertThat(StreamingConfiguration.stateUri("s3://bucket").toString()).isEqualTo("s3://bucket/");
        assertThat(StreamingConfiguration.stateUri("s3://bucket/tollgate").toString())
                .isEqualTo("s3://bucket/tollgate/");
        assertThat(StreamingConfiguration.stateUri("file:///data/tollgate/").toString())
                .isEqualTo("file:///data/tollgate/");
    }

    @Test
    void aPlainStateDirIsALocalPathMadeAbsolute() {
        assertThat(StreamingConfiguration.stateUri("state").toString())
                .isEqualTo(Path.of("state").toAbsolutePath().toUri() + "/");
    }

    @Test
    void productionDefaultsCheckpointIncrementallyIntoTheStateDirectory() {
        Configuration conf = StreamingConfiguration.of(2, Duration.ofSeconds(2), "s3://bucket/tg",
                StreamingConfiguration.Backend.ROCKSDB, null);
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://bucket/tg/checkpoints");
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("s3://bucket/tg/savepoints");
    }
}
