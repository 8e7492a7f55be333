package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.StateBackendOption;

import dev.tollgate.jobs.options.KafkaOptions;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.jobs.options.ConfigOption;
import dev.tollgate.jobs.options.SigningKeyOption;

import dev.tollgate.jobs.options.CheckpointOptions;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.jobs.TollgateJob;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.kafka.StreamingJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
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
                + "to the dlq topic, the late-event audit to the late topic. Creates missing topics (inputs 2 "
                + "partitions, verdicts 2 compacted, decisions, dlq and late 1). It runs on a local MiniCluster; on a "
                + "cluster submit the lean jobs/target/tollgate-job.jar instead (tollgate cluster submit, or flink "
                + "run tollgate-job.jar --bootstrap B).",
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

    @Mixin
    SigningKeyOption signing;

    @Option(names = "--metrics-port", paramLabel = "PORT|RANGE", defaultValue = "9249-9259",
            description = "Prometheus metrics on the first free port of this range, as on the cluster; 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    String metricsPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TollgateConfig cfg = TollgateJob.prepare("tollgate run", config, kafka, spec.commandLine().getErr());
        if (cfg == null) {
            return 2;
        }
        Configuration conf = StreamingConfiguration.of(parallelism.value, checkpoints.interval, stateDir,
                backend.value, fromSavepoint);
        if (!"0".equals(metricsPort)) {
            conf.setString("metrics.reporter.prom.factory.class", PrometheusReporterFactory.class.getName());
            conf.setString("metrics.reporter.prom.port", metricsPort);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamingJob.build(env, cfg, StreamingJob.Options.defaults(kafka.client(), kafka.topics())
                .withSigningKeys(signing.forJob("tollgate run", spec.commandLine().getErr())), s -> s);
        spec.commandLine().getErr().printf("tollgate run: reading %s* on %s, checkpoint every %s into %s (%s state)%n",
                kafka.prefix, kafka.bootstrap, checkpoints.interval, StreamingConfiguration.stateUri(stateDir),
                backend.value.name().toLowerCase(java.util.Locale.ROOT));
        env.execute("tollgate streaming (" + kafka.prefix + ")");
        return 0;
    }
}
