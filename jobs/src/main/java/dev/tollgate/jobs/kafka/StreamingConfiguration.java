package dev.tollgate.jobs.kafka;

import dev.tollgate.jobs.pipeline.JobDefaults;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The Flink configuration of the streaming job: exactly-once checkpoints, retained on cancellation, into a real
 * checkpoint directory, and incremental: a checkpoint uploads what changed since the previous one, not a copy of the
 * whole state (a job over a backlog holds hundreds of MB, which full heap snapshots every 2 s copied each time). The
 * default keeps state on the heap with the changelog state backend (state changes appended to the checkpoint file
 * system, the heap snapshot materialised in the background every few minutes): heap access speed, incremental
 * checkpoints. RocksDB keeps state on local disk instead, for state larger than the heap, at several times the cost
 * per access (see BENCHMARKS.md).
 */
public final class StreamingConfiguration {
    /** Where keyed state lives while the job runs. */
    public enum Backend {
        /** Objects on the heap, checkpointed incrementally through the changelog state backend (the default). */
        HASHMAP("hashmap"),
        /** RocksDB on local disk, incremental checkpoints: state larger than the heap. */
        ROCKSDB("rocksdb");

        private final String flinkName;

        Backend(String flinkName) {
            this.flinkName = flinkName;
        }
    }

    private StreamingConfiguration() {
    }

    /**
     * @param stateDir where checkpoints and savepoints go, a URI ({@code file:///...}, {@code s3://...}) or a local
     *     path; {@code null} keeps checkpoints in the job manager's memory, which holds at most 5 MB of state (small
     *     test jobs only)
     * @param restoreFrom a savepoint or retained checkpoint to start from, or {@code null}
     */
    public static Configuration of(int parallelism, Duration checkpointInterval, String stateDir, Backend backend,
                                   String restoreFrom) {
        Configuration conf = required(parallelism, checkpointInterval);
        conf.set(StateBackendOptions.STATE_BACKEND, backend.flinkName);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend == Backend.ROCKSDB);
        if (stateDir != null) {
            URI base = stateUri(stateDir);
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, base.resolve("checkpoints").toString());
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, base.resolve("savepoints").toString());
            if (backend == Backend.HASHMAP) {
                conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
                conf.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
                conf.setString("state.changelog.dstl.dfs.base-path", base.resolve("changelog").toString());
            }
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
            // the changelog backend cannot take the full first checkpoint a NO_CLAIM restore demands (the job would
            // fail every checkpoint and restart for ever): the restored job owns the snapshot instead
            conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        }
        return conf;
    }

    /**
     * What the job itself requires on a cluster whose {@code config.yaml} chooses the state backend and checkpoint
     * storage: exactly-once checkpoints at {@code checkpointInterval}, retained on cancellation.
     */
    public static Configuration onCluster(Duration checkpointInterval) {
        return required(0, checkpointInterval);
    }

    private static Configuration required(int parallelism, Duration checkpointInterval) {
        Configuration conf = JobDefaults.configuration(RuntimeExecutionMode.STREAMING, parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        return conf;
    }

    /** Heap state and job-manager checkpoints, for the tests' small jobs. */
    public static Configuration of(int parallelism, Duration checkpointInterval, String stateDir, String restoreFrom) {
        return of(parallelism, checkpointInterval, stateDir, Backend.HASHMAP, restoreFrom);
    }

    /**
     * The state directory as a URI ending in {@code /}: a URI with a scheme is taken as written ({@code s3://bucket/x},
     * {@code file:///data}), anything else is a local path, made absolute.
     */
    public static URI stateUri(String stateDir) {
        String s = stateDir.strip();
        URI uri;
        if (s.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            uri = URI.create(s);
        } else {
            uri = Path.of(s).toAbsolutePath().normalize().toUri();
        }
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }

    /** {@code rocksdb} or {@code hashmap}, as on the command line. */
    public static Backend backend(String name) {
        return Backend.valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
