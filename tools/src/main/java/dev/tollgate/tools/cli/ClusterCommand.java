package dev.tollgate.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.jobs.TollgateJob;
import dev.tollgate.tools.cluster.FlinkSessionCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tollgate cluster up|status|down|submit}: a multi-process Flink session cluster on this machine. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A Flink session cluster on this machine: a JobManager and TaskManagers as separate JVMs, "
                + "from the Flink jars Maven resolved and cluster/conf/config.yaml (checkpoints under the cluster's "
                + "home, Prometheus metrics on ports 9249-9259, web UI on the REST port)."},
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class, ClusterCommand.Down.class,
            ClusterCommand.Submit.class})
public final class ClusterCommand implements Runnable {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${sys:user.home}/.tollgate/cluster",
            description = "The cluster's configuration in force, logs, state and pid files (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "8081",
            description = "The JobManager's REST port and web UI (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    FlinkSessionCluster cluster() {
        return new FlinkSessionCluster(Repository.root().resolve("cluster"), home, restPort);
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Starts the JobManager and TaskManagers.")
    static final class Up implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Option(names = "--taskmanagers", defaultValue = "1", paramLabel = "N",
                description = "TaskManager processes, 2 slots each (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Override
        public Integer call() throws Exception {
            FlinkSessionCluster c = parent.cluster();
            PrintWriter err = parent.spec.commandLine().getErr();
            err.printf("tollgate cluster: starting a JobManager and %d TaskManager(s) in %s%n", taskManagers, c.home());
            c.up(taskManagers, Duration.ofMinutes(2));
            err.printf("tollgate cluster: up; web UI and REST on %s, checkpoints in %s%n", c.restUri(),
                    c.checkpoints());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows the processes, TaskManagers, slots and jobs.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Override
        public Integer call() throws Exception {
            FlinkSessionCluster c = parent.cluster();
            PrintWriter out = parent.spec.commandLine().getOut();
            Map<String, Long> processes = c.runningProcesses();
            if (processes.isEmpty()) {
                out.println("no cluster running from " + c.home());
                return 3;
            }
            processes.forEach((name, pid) -> out.printf("%-16s pid %d%n", name, pid));
            if (!c.reachable()) {
                out.println("REST " + c.restUri() + " does not answer");
                return 1;
            }
            JsonNode o = c.rest("/overview");
            out.printf("taskmanagers %d, slots %d (%d free), jobs running %d, finished %d, failed %d, cancelled %d%n",
                    o.path("taskmanagers").asInt(), o.path("slots-total").asInt(), o.path("slots-available").asInt(),
                    o.path("jobs-running").asInt(), o.path("jobs-finished").asInt(), o.path("jobs-failed").asInt(),
                    o.path("jobs-cancelled").asInt());
            for (JsonNode job : c.rest("/jobs/overview").path("jobs")) {
                out.printf("job %s %-10s %s%n", job.path("jid").asText(), job.path("state").asText(),
                        job.path("name").asText());
            }
            out.println("web UI " + c.restUri());
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stops every process of the cluster (its state directory stays).")
    static final class Down implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Override
        public Integer call() throws Exception {
            List<String> stopped = parent.cluster().down();
            parent.spec.commandLine().getErr().println(stopped.isEmpty() ? "tollgate cluster: nothing was running"
                    : "tollgate cluster: stopped " + String.join(", ", stopped));
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submits the lean job jar (jobs/target/tollgate-job.jar) through the REST API, as "
                    + "`flink run` would; the arguments after -- go to the job (e.g. -- --bootstrap 127.0.0.1:9092)."})
    static final class Submit implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Option(names = "--jar", paramLabel = "JAR", description = "The job jar (default: the repository's lean jar).")
        Path jar;

        @Option(names = {"-p", "--parallelism"}, defaultValue = "2", paramLabel = "N",
                description = "Job parallelism (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Parameters(paramLabel = "JOB_ARGS", description = "Arguments of the job's main (see tollgate-job --help).")
        List<String> jobArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Path j = jar != null ? jar : Repository.root().resolve("jobs/target/tollgate-job.jar");
            if (!Files.isRegularFile(j)) {
                parent.spec.commandLine().getErr().println("tollgate cluster submit: no job jar at " + j);
                return 2;
            }
            FlinkSessionCluster c = parent.cluster();
            String id = c.submit(j, TollgateJob.class.getName(), jobArgs, parallelism);
            c.awaitRunning(id, Duration.ofMinutes(2));
            parent.spec.commandLine().getOut().println(id);
            parent.spec.commandLine().getErr().printf("tollgate cluster: job %s running; %s/#/job/running/%s%n", id,
                    c.restUri(), id);
            return 0;
        }
    }
}
