package dev.tollgate.jobs.kafka;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
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
    void aRestoreClaimsTheSnapshotSinceTheChangelogBackendCannotTakeAFullFirstCheckpoint() {
        Configuration conf = StreamingConfiguration.of(2, Duration.ofSeconds(2), "file:///tmp/tg",
                StreamingConfiguration.Backend.HASHMAP, "file:///tmp/tg/savepoints/savepoint-1");
        assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo("file:///tmp/tg/savepoints/savepoint-1");
        assertThat(conf.get(StateRecoveryOptions.RESTORE_MODE)).isEqualTo(RecoveryClaimMode.CLAIM);
        assertThat(StreamingConfiguration.onCluster(Duration.ofSeconds(2)).contains(StateRecoveryOptions.RESTORE_MODE))
                .as("on a cluster, config.yaml decides").isFalse();
    }

    @Test
    void aPlainStateDirIsALocalPathMadeAbsolute() {
        assertThat(StreamingConfiguration.stateUri("state").toString())
                .isEqualTo(Path.of("state").toAbsolutePath().toUri() + "/");
    }

    @Test
    void productionDefaultsCheckpointIncrementallyIntoTheStateDirectory() {
        Configuration conf = StreamingConfiguration.of(2, Duration.ofSeconds(2), "s3://bucket/tg",
                StreamingConfiguration.Backend.HASHMAP, null);
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(conf.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isTrue();
        assertThat(conf.getString("state.changelog.dstl.dfs.base-path", null)).isEqualTo("s3://bucket/tg/changelog");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://bucket/tg/checkpoints");
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("s3://bucket/tg/savepoints");
        Configuration rocks = StreamingConfiguration.of(2, Duration.ofSeconds(2), "s3://bucket/tg",
                StreamingConfiguration.Backend.ROCKSDB, null);
        assertThat(rocks.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(rocks.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(rocks.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isFalse();
    }
}
