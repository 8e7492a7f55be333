package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.StateBackendOption;

import dev.tollgate.jobs.options.KafkaOptions;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.jobs.options.ConfigOption;

import dev.tollgate.jobs.options.CheckpointOptions;

import dev.tollgate.detectors.policy.PolicyException;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.kafka.StreamingJob;
import dev.tollgate.jobs.kafka.TopicAdmin;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tollgate run}: the streaming job between Kafka topics, with exactly-once verdicts. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs Tollgate's streaming job: reads the click, order, session, native order and decision "
                + "topics, writes versioned verdicts (key orderId) exactly once to the verdict topic and dead letters "
                + "to the dlq topic. Creates missing topics (inputs 2 partitions, verdicts 2 compacted, decisions and "
                + "dlq 1). On the embedded default it runs on a local MiniCluster; on a cluster submit the same jar "
                + "with `flink run -c dev.tollgate.tools.cli.TollgateCli tollgate.jar run ...`.",
                "Record timestamps must be event times (tollgate load sets them)."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    StateBackendOption backend;

    @Mixin
    ParallelismOption parallelism;

    @Option(names = "--state-dir", paramLabel = "DIR_OR_URI", defaultValue = "${sys:user.home}/.tollgate/state",
            description = "Checkpoints and savepoints (retained on cancellation): a local directory or a URI such as "
                    + "file:///data/tollgate or s3://bucket/tollgate (default: ${DEFAULT-VALUE}).")
    String stateDir;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Start from this savepoint or retained checkpoint (uids are stable).")
    String fromSavepoint;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TollgateConfig cfg;
        try {
            cfg = config.load();
        } catch (PolicyException e) {
            spec.commandLine().getErr().println("tollgate run: " + e.getMessage());
            return 2;
        }
        TopicAdmin.ensureTopics(kafka.bootstrap, kafka.topics());
        TopicAdmin.retentionWarnings(kafka.bootstrap, kafka.topics())
                .forEach(w -> spec.commandLine().getErr().println("tollgate run: warning: " + w));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                StreamingConfiguration.of(parallelism.value, checkpoints.interval, stateDir, backend.value,
                        fromSavepoint));
        StreamingJob.build(env, cfg, StreamingJob.Options.defaults(kafka.bootstrap, kafka.topics()), s -> s);
        spec.commandLine().getErr().printf("tollgate run: reading %s* on %s, checkpoint every %s into %s (%s state)%n",
                kafka.prefix, kafka.bootstrap, checkpoints.interval, StreamingConfiguration.stateUri(stateDir),
                backend.value.name().toLowerCase(java.util.Locale.ROOT));
        env.execute("tollgate streaming (" + kafka.prefix + ")");
        return 0;
    }
}
