package dev.tollgate.tools.cli;

import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.options.KafkaOptions;
import dev.tollgate.jobs.options.StateBackendOption;
import dev.tollgate.tools.chaos.ChaosRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tollgate chaos}: kills and restarts on a real cluster and broker while the job works (see {@link ChaosRun}). */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Runs the streaming job on a multi-process cluster (a JobManager and two TaskManagers) and a "
                + "broker over a backlog of generated traffic while TaskManagers are killed with SIGKILL and started "
                + "again, the broker is restarted and the JobManager is killed and the job resubmitted from its "
                + "newest retained checkpoint; then checks that the verdict topic, read read_committed, holds every "
                + "order's versions 1..n exactly once and the final verdicts of a BATCH replay. Exit code 0 when "
                + "nothing was lost, duplicated or different."})
public final class ChaosCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "1000000", paramLabel = "N",
            description = "Events of generated traffic (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--kills", defaultValue = "3", paramLabel = "N",
            description = "TaskManager kills (SIGKILL, then a restart; default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--no-broker-restart", description = "Do not restart the broker.")
    boolean noBrokerRestart;

    @Option(names = "--no-jobmanager-restart", description = "Do not kill the JobManager.")
    boolean noJobManagerRestart;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the traffic and of the moments and targets of the kills (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where the traffic, the broker and the cluster live (default: a new temporary directory).")
    Path work;

    @Option(names = "--drain-timeout", defaultValue = "30m", paramLabel = "DURATION",
            converter = KafkaOptions.DurationConverter.class,
            description = "How long the verdicts may take to be complete after the last disruption "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--state-backend", defaultValue = "hashmap", paramLabel = "hashmap|rocksdb",
            converter = StateBackendOption.BackendConverter.class,
            description = "Keyed state on the TaskManagers' heap (changelog checkpoints, the cluster's default) or in "
                    + "RocksDB on their local disk (incremental checkpoints; the choice for state near the heap's "
                    + "size, as in the full run) (default: ${DEFAULT-VALUE}).")
    StreamingConfiguration.Backend stateBackend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work != null ? work : Files.createTempDirectory("tollgate-chaos");
        ChaosRun.Report report = new ChaosRun(Repository.root(), dir, err).run(new ChaosRun.Plan(events, kills,
                !noBrokerRestart, !noJobManagerRestart, seed, drainTimeout, stateBackend));
        out.print(report.text());
        out.flush();
        return report.clean() ? 0 : 1;
    }
}
