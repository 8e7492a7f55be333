package dev.tollgate.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.jobs.TollgateJob;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.kafka.TopicAdmin;
import dev.tollgate.jobs.kafka.TopicNames;
import dev.tollgate.tools.cluster.FlinkSessionCluster;
import dev.tollgate.tools.kafka.EmbeddedKafkaBroker;
import dev.tollgate.tools.kafka.FixtureLoader;
import dev.tollgate.tools.kafka.VerdictReader;
import dev.tollgate.tools.replay.GeneratedTraffic;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code tollgate chaos}: the streaming job on a real multi-process cluster (a JobManager and two TaskManagers as
 * separate JVMs) and a real broker, fed generated traffic (70 % of it a backlog in the topics before the job starts,
 * the rest after the last disruption, as traffic goes on), while TaskManagers are killed with SIGKILL at
 * random moments and started again, the broker is restarted, and the JobManager is killed and started again, the job
 * then resubmitted from its newest retained checkpoint (the cluster has no HA service: this is the recovery an
 * operator or the Kubernetes operator's last-state upgrade performs). A ledger reads the verdict topic
 * {@code read_committed} throughout. At the end every order's versions must be exactly 1..n, each once, in order,
 * and every order's final verdict must equal a BATCH replay's of the same traffic.
 */
public final class ChaosRun {
    /** The part of the traffic in the topics before the job starts; the rest follows the last disruption. */
    static final double BACKLOG_SHARE = 0.7;

    /** The job's input: generated traffic of {@code events} lines; the disruptions in the order they happen. */
    public record Plan(int events, int taskManagerKills, boolean brokerRestart, boolean jobManagerRestart, long seed,
                       Duration drainTimeout, StreamingConfiguration.Backend stateBackend) {
    }

    /** One disruption and how long the job took to run again with a completed checkpoint after it. */
    public record Disruption(String what, Duration recovery) {
    }

    /**
     * @param unplannedExits TaskManagers that exited on their own (Flink shuts a TaskManager down on a fatal error,
     *     such as an exception while a failed task cleans up) and that the run restarted, as a supervisor would
     * @param lost orders the replay gives a verdict that the ledger never read, plus versions missing below an
     *     order's newest
     * @param duplicated versions the ledger read more than once
     * @param mismatched orders whose newest verdict read differs from the replay's final one
     */
    public record Report(long events, long orders, List<Disruption> disruptions, List<String> unplannedExits,
                         long versionsRead, long lost, long duplicated, long mismatched, Duration elapsed,
                         List<String> examples) {
        public boolean clean() {
            return lost == 0 && duplicated == 0 && mismatched == 0;
        }

        public String text() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("events %d, orders %d, verdict versions read %d, elapsed %ds%n", events, orders,
                    versionsRead, elapsed.toSeconds()));
            for (Disruption d : disruptions) {
                b.append(String.format("  %-44s recovered in %.1f s%n", d.what(), d.recovery().toMillis() / 1000.0));
            }
            unplannedExits.forEach(u -> b.append("  unplanned: ").append(u).append('\n'));
            b.append(String.format("lost %d, duplicated %d, final verdicts differing from replay %d%n", lost,
                    duplicated, mismatched));
            examples.forEach(e -> b.append("  e.g. ").append(e).append('\n'));
            return b.toString();
        }
    }

    private final Path repo;
    private final Path work;
    private final PrintWriter log;

    /**
     * @param repo the checkout (its cluster/ distribution and jobs/target/tollgate-job.jar)
     * @param work where the traffic, the broker's log and the cluster's home go
     */
    public ChaosRun(Path repo, Path work, PrintWriter log) {
        this.repo = repo;
        this.work = work;
        this.log = log;
    }

    public Report run(Plan plan) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(work);
        TollgateConfig config = new ConfigLoader().loadBundled();
        Path traffic = work.resolve("traffic.jsonl");
        long events = generate(plan, config, traffic);
        say("generated %d events; replaying them (BATCH) for the expected verdicts", events);
        Map<String, String> expected = VerdictReader.outcomes(new ReplayJob(config, RuntimeExecutionMode.BATCH, 2,
                Clock.systemUTC()).run(List.of(traffic)).verdicts());
        say("%d orders expected", expected.size());

        Path jar = repo.resolve("jobs/target/tollgate-job.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no job jar at " + jar + "; build it with `mvn -pl jobs -am package`");
        }
        int brokerPort = EmbeddedKafkaBroker.freePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerPort, work.resolve("broker"));
        int metrics = EmbeddedKafkaBroker.freePort();
        FlinkSessionCluster cluster = new FlinkSessionCluster(repo.resolve("cluster"), work.resolve("cluster"),
                EmbeddedKafkaBroker.freePort())
                .withProperty("metrics.reporter.prom.port", metrics + "-" + (metrics + 5))
                .withProperty("jobmanager.rpc.port", Integer.toString(EmbeddedKafkaBroker.freePort()))
                // A killed TaskManager's lost connection is usually noticed at once; the heartbeat catches the rest
                // in 30 s rather than the default 50 s. Not less: a 10 s timeout failed the 1M run over and over,
                // TaskManagers on two busy cores with hundreds of MB of heap state missing heartbeats in long GCs.
                .withProperty("heartbeat.interval", "3000")
                .withProperty("heartbeat.timeout", "30000")
                // heap state for a million events, twice while one TaskManager runs everything during a recovery
                .withProperty("taskmanager.memory.process.size", "2560m");
        if (plan.stateBackend() == StreamingConfiguration.Backend.ROCKSDB) {
            // state on local disk, incremental checkpoints of the changed files (the cluster's default is the heap
            // with the changelog)
            cluster.withProperty("state.backend.type", "rocksdb")
                    .withProperty("state.changelog.enabled", "false")
                    .withProperty("execution.checkpointing.incremental", "true");
        }
        List<Disruption> disruptions = new ArrayList<>();
        VerdictLedger ledger = null;
        Supervisor supervisor = new Supervisor(cluster);
        try {
            cluster.up(2, Duration.ofMinutes(3));
            supervisor.start();
            TopicNames topics = new TopicNames("chaos.");
            String bootstrap = broker.bootstrapServers();
            TopicAdmin.ensureTopics(bootstrap, topics);
            long backlog = (long) (events * BACKLOG_SHARE);
            load(bootstrap, topics, config, traffic, 0, backlog);
            say("loaded %d of the %d events into %s as a backlog; submitting the job", backlog, events, bootstrap);
            List<String> args = List.of("--bootstrap", bootstrap, "--topic-prefix", topics.prefix(),
                    "--checkpoint-interval", "2s");
            String jobId = cluster.submit(jar, TollgateJob.class.getName(), args, 2);
            cluster.awaitRunning(jobId, Duration.ofMinutes(3));
            ledger = new VerdictLedger(bootstrap, topics.verdicts());

            Random random = new Random(plan.seed());
            List<String> schedule = schedule(plan);
            for (int i = 0; i < schedule.size(); i++) {
                long threshold = (long) (expected.size() * BACKLOG_SHARE * 0.85 * (i + 1) / (schedule.size() + 1));
                awaitProgress(ledger, threshold, cluster, jobId);
                Thread.sleep(random.nextInt(2000));
                long at = System.currentTimeMillis();
                long t0 = System.nanoTime();
                String what;
                switch (schedule.get(i)) {
                    case "taskmanager" -> {
                        int tm = 1 + random.nextInt(2);
                        synchronized (supervisor) {
                            cluster.kill("taskmanager-" + tm);
                            what = "SIGKILL taskmanager-" + tm + " at " + ledger.orders() + " orders";
                            Thread.sleep(1000 + random.nextInt(3000));
                            cluster.startTaskManager(tm);
                        }
                    }
                    case "broker" -> {
                        what = "broker restart at " + ledger.orders() + " orders";
                        broker.close();
                        Thread.sleep(2000);
                        broker = EmbeddedKafkaBroker.start(brokerPort, work.resolve("broker"));
                    }
                    default -> {
                        supervisor.pause(true);
                        cluster.kill("jobmanager");
                        what = "SIGKILL jobmanager at " + ledger.orders() + " orders";
                        cluster.restartJobManager(2, Duration.ofMinutes(3));
                        Path checkpoint = cluster.latestRetainedCheckpoint(jobId);
                        if (checkpoint == null) {
                            throw new IllegalStateException("job " + jobId + " retained no checkpoint");
                        }
                        what += ", resubmitted from " + checkpoint.getFileName();
                        jobId = cluster.submit(jar, TollgateJob.class.getName(), args, 2,
                                checkpoint.toUri().toString());
                        supervisor.pause(false);
                    }
                }
                awaitCheckpointAfter(cluster, jobId, at);
                Duration recovery = Duration.ofNanos(System.nanoTime() - t0);
                disruptions.add(new Disruption(what, recovery));
                say("%s: running again with a checkpoint after %.1f s", what, recovery.toMillis() / 1000.0);
            }
            // the traffic goes on after the disruptions, as it does in production: a job restored from a checkpoint
            // moves event time on only with new records (watermarks are not part of a checkpoint)
            say("all disruptions done; loading the other %d events, then draining the verdict topic read_committed",
                    events - backlog);
            load(broker.bootstrapServers(), topics, config, traffic, backlog, events);
            drain(ledger, expected, plan.drainTimeout());
        } finally {
            supervisor.close();
            if (ledger != null) {
                ledger.close();
            }
            cluster.down();
            broker.close();
        }
        if (ledger.failure() != null) {
            throw new IllegalStateException("the ledger failed", ledger.failure());
        }
        return report(events, expected, ledger, disruptions, supervisor.restarts(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The disruptions in order: TaskManager kills, with the broker restart and the JobManager kill among them. */
    static List<String> schedule(Plan plan) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < plan.taskManagerKills(); i++) {
            out.add("taskmanager");
        }
        if (plan.brokerRestart()) {
            out.add(Math.min(1, out.size()), "broker");
        }
        if (plan.jobManagerRestart()) {
            out.add(Math.min(3, out.size()), "jobmanager");
        }
        return out;
    }

    private long generate(Plan plan, TollgateConfig config, Path traffic) throws IOException {
        Path all = work.resolve("generated.jsonl");
        // a fifth more shoppers than the average needs (small runs have fewer lines each), cut to the events asked for
        int users = (int) Math.max(1, Math.ceil(plan.events() * 1.2 / GeneratedTraffic.LINES_PER_USER));
        GeneratedTraffic.write(plan.seed(), users, config, all);
        long n = 0;
        long newest = Long.MIN_VALUE;
        EventParser parser = new EventParser(config.settings().parserSettings());
        try (BufferedReader r = Files.newBufferedReader(all, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(traffic, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null && n < plan.events() - 1; line = r.readLine()) {
                w.write(line);
                w.write('\n');
                for (var e : parser.parse(line, "traffic", null).events()) {
                    newest = Math.max(newest, e.ts());
                }
                n++;
            }
            // The traffic goes on: one click two days after the rest carries the stream's event time past every
            // deadline and daily delay-profile evaluation that a BATCH replay fires when its input ends, so that the
            // two can be compared (a stream has no end of input).
            w.write("{\"type\":\"click\",\"eventId\":\"chaos-clock\",\"clickId\":\"chaos-clock\",\"ts\":\""
                    + java.time.Instant.ofEpochMilli(newest + Duration.ofDays(2).toMillis())
                    + "\",\"program\":\"aliexpress-portals\",\"publisherId\":\"chaos\",\"ip\":\"192.0.2.1\"}\n");
            n++;
        }
        Files.delete(all);
        return n;
    }

    /** Sends lines {@code from} (inclusive) to {@code to} of the traffic in chunks, each in event-time order. */
    private static void load(String bootstrap, TopicNames topics, TollgateConfig config, Path traffic, long from,
                             long to) throws IOException, InterruptedException {
        try (FixtureLoader loader = new FixtureLoader(bootstrap, topics, config.settings().parserSettings());
             BufferedReader r = Files.newBufferedReader(traffic, StandardCharsets.UTF_8)) {
            List<String> chunk = new ArrayList<>();
            long n = 0;
            for (String line = r.readLine(); line != null && n < to; line = r.readLine(), n++) {
                if (n < from) {
                    continue;
                }
                chunk.add(line);
                if (chunk.size() == 20_000) {
                    loader.load(chunk, 0, sent -> { });
                    chunk.clear();
                }
            }
            loader.load(chunk, 0, sent -> { });
        }
    }

    private void awaitProgress(VerdictLedger ledger, long orders, FlinkSessionCluster cluster, String jobId)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (ledger.orders() < orders) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger read " + ledger.orders() + " orders, not " + orders
                        + ", within 20 minutes; job " + jobId + " is " + cluster.rest("/jobs/" + jobId)
                        .path("state").asText());
            }
            Thread.sleep(500);
        }
    }

    /** Waits until the job runs again and has completed a checkpoint that began after {@code epochMillis}. */
    private static void awaitCheckpointAfter(FlinkSessionCluster cluster, String jobId, long epochMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode latest = cluster.rest("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
                if (latest.path("trigger_timestamp").asLong() > epochMillis) {
                    return;
                }
            } catch (IOException e) {
                // the JobManager is not up yet, or the job not known to it yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job " + jobId + " completed no checkpoint within 10 minutes of the "
                + "disruption");
    }

    private void drain(VerdictLedger ledger, Map<String, String> expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastSaid = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Verdict> newest = ledger.newest();
            boolean complete = newest.size() >= expected.size()
                    && VerdictReader.outcomes(newest.values()).equals(expected);
            if (complete && ledger.quietFor().toSeconds() >= 10) {
                return;
            }
            if (System.nanoTime() - lastSaid > 30_000_000_000L) {
                say("ledger: %d versions, %d of %d orders", ledger.read(), newest.size(), expected.size());
                lastSaid = System.nanoTime();
            }
            Thread.sleep(1000);
        }
        say("drain timed out after %s", timeout);
    }

    private static Report report(long events, Map<String, String> expected, VerdictLedger ledger,
                                 List<Disruption> disruptions, List<String> unplanned, Duration elapsed) {
        Map<String, List<Integer>> versions = ledger.versions();
        Map<String, String> actual = VerdictReader.outcomes(ledger.newest().values());
        long lost = 0;
        long duplicated = 0;
        long mismatched = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            List<Integer> seen = versions.get(e.getKey());
            if (seen == null) {
                lost++;
                example(examples, e.getKey() + ": no verdict read");
                continue;
            }
            int max = seen.stream().mapToInt(Integer::intValue).max().orElse(0);
            long distinct = seen.stream().distinct().count();
            duplicated += seen.size() - distinct;
            lost += max - distinct;
            List<Integer> inOrder = new ArrayList<>();
            for (int v = 1; v <= max; v++) {
                inOrder.add(v);
            }
            if (!seen.equals(inOrder)) {
                example(examples, e.getKey() + ": versions read " + seen);
            }
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                mismatched++;
                example(examples, e.getKey() + ": " + actual.get(e.getKey()) + ", replay " + e.getValue());
            }
        }
        return new Report(events, expected.size(), disruptions, unplanned, ledger.read(), lost, duplicated,
                mismatched, elapsed, examples);
    }

    private static void example(List<String> examples, String e) {
        if (examples.size() < 10) {
            examples.add(e);
        }
    }

    private void say(String format, Object... args) {
        log.printf("tollgate chaos: " + format + "%n", args);
        log.flush();
    }

}
