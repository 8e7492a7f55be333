package dev.tollgate.jobs.pipeline;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;

/** What every Tollgate job runs with, whether it replays files or reads Kafka, locally or on a cluster. */
public final class JobDefaults {
    private JobDefaults() {
    }

    /**
     * No silent Kryo fallback, no generated uids, and object reuse: events, updates and verdicts are immutable
     * records, so chained operators may hand them on without the deep copy Flink otherwise makes between every two of
     * them.
     *
     * @param parallelism the default parallelism, or {@code 0} to leave it to the cluster (or {@code flink run -p})
     */
    public static Configuration configuration(RuntimeExecutionMode mode, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (parallelism > 0) {
            conf.setString("parallelism.default", Integer.toString(parallelism));
        }
        return conf;
    }
}
