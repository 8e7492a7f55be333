package dev.tollgate.jobs.kafka;

import dev.tollgate.jobs.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

import java.nio.file.Path;
import java.time.Duration;

/** The Flink configuration of the streaming job: exactly-once checkpoints, retained on cancellation. */
public final class StreamingConfiguration {
    private StreamingConfiguration() {
    }

    /**
     * @param stateDir where checkpoints and savepoints go ({@code null}: the job manager's memory, for tests)
     * @param restoreFrom a savepoint or retained checkpoint to start from, or {@code null}
     */
    public static Configuration of(int parallelism, Duration checkpointInterval, Path stateDir, String restoreFrom) {
        Configuration conf = ReplayJob.baseConfiguration(RuntimeExecutionMode.STREAMING, parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (stateDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, stateDir.resolve("checkpoints").toUri().toString());
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, stateDir.resolve("savepoints").toUri().toString());
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        return conf;
    }
}
