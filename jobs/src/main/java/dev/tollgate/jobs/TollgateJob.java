package dev.tollgate.jobs;

import dev.tollgate.detectors.policy.PolicyException;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.kafka.StreamingJob;
import dev.tollgate.jobs.kafka.TopicAdmin;
import dev.tollgate.jobs.options.CheckpointOptions;
import dev.tollgate.jobs.options.ConfigOption;
import dev.tollgate.jobs.options.SigningKeyOption;
import dev.tollgate.jobs.options.KafkaOptions;
import dev.tollgate.jobs.options.StateBackendOption;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The entry point of the job jar a Flink cluster runs ({@code flink run tollgate-job.jar --bootstrap B}, or a
 * FlinkDeployment's {@code job.jarURI}): Tollgate's streaming job between Kafka topics, exactly once.
 *
 * <p>The cluster's configuration ({@code config.yaml}) decides where checkpoints go, the state backend, the restart
 * strategy and the parallelism ({@code flink run -p}); the job sets what its correctness needs whatever the cluster
 * says: exactly-once checkpoints at {@code --checkpoint-interval} (the verdict transactions commit on each), retained
 * on cancellation. {@code --state-dir} and {@code --state-backend} override the cluster's choice for this job.
 */
@Command(name = "tollgate-job", mixinStandardHelpOptions = true, versionProvider = TollgateJob.Version.class,
        description = "Tollgate's streaming job on a Flink cluster: reads the input topics, writes versioned verdicts "
                + "exactly once to the verdict topic and dead letters to the dlq topic. Creates missing topics.")
public final class TollgateJob implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    ConfigOption config;

    @Mixin
    SigningKeyOption signing;

    @Option(names = "--state-dir", paramLabel = "URI",
            description = "Checkpoints, savepoints and state changes under this URI (file:///..., s3://...) instead "
                    + "of the cluster's state.checkpoints.dir.")
    String stateDir;

    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb",
            converter = StateBackendOption.BackendConverter.class,
            description = "Keyed state on the heap (changelog checkpoints) or in RocksDB, instead of the cluster's "
                    + "state.backend.type; needs --state-dir.")
    StreamingConfiguration.Backend backend;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new TollgateJob()).execute(args);
        if (code != 0) {
            // Flink's client treats an exception from main as a failed submission; an exit code alone is not seen
            throw new IllegalStateException("tollgate-job: exited with code " + code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (backend != null && stateDir == null) {
            spec.commandLine().getErr().println("tollgate-job: --state-backend needs --state-dir");
            return 2;
        }
        TollgateConfig cfg = prepare("tollgate-job", config, kafka, spec.commandLine().getErr());
        if (cfg == null) {
            return 2;
        }
        Configuration conf = stateDir != null
                ? StreamingConfiguration.of(0, checkpoints.interval, stateDir,
                        backend == null ? StreamingConfiguration.Backend.HASHMAP : backend, null)
                : StreamingConfiguration.onCluster(checkpoints.interval);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamingJob.build(env, cfg, StreamingJob.Options.defaults(kafka.client(), kafka.topics())
                .withSigningKeys(signing.forJob("tollgate-job", spec.commandLine().getErr())), s -> s);
        spec.commandLine().getErr().printf(Locale.ROOT, "tollgate-job: reading %s* on %s, checkpoint every %s into %s%n",
                kafka.prefix, kafka.bootstrap, checkpoints.interval,
                stateDir != null ? StreamingConfiguration.stateUri(stateDir)
                        : env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                                .orElse("the cluster's state.checkpoints.dir"));
        env.executeAsync("tollgate streaming (" + kafka.prefix + ")");
        return 0;
    }

    /**
     * What every start of the streaming job does first: loads the configuration (a policy error is printed, and
     * {@code null} returned), creates the missing topics and warns of input topics whose retention would delete a
     * backfill.
     */
    public static TollgateConfig prepare(String who, ConfigOption config, KafkaOptions kafka, PrintWriter err) {
        TollgateConfig cfg;
        try {
            cfg = config.load();
        } catch (PolicyException e) {
            err.println(who + ": " + e.getMessage());
            return null;
        }
        TopicAdmin.ensureTopics(kafka.client(), kafka.topics());
        TopicAdmin.retentionWarnings(kafka.client(), kafka.topics())
                .forEach(w -> err.println(who + ": warning: " + w));
        return cfg;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TollgateJob.class.getPackage().getImplementationVersion();
            return new String[] {"tollgate-job " + (v == null ? "(development build)" : v)};
        }
    }
}
