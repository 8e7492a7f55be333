package dev.tollgate.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Flink session cluster on this machine as separate processes: one JobManager and N TaskManagers, each its own JVM,
 * started from the Flink jars Maven resolved ({@code cluster/target/flink.classpath}) with the repository's
 * {@code cluster/conf/config.yaml}, exactly as a flink-dist installation would start them (no tarball is needed).
 *
 * <p>Everything the cluster writes lives under {@code home}: {@code conf/} (the configuration in force), {@code log/}
 * (one file per process), {@code state/} (checkpoints, savepoints, state changes) and one pid file per process, so a
 * later {@code status} or {@code down}, from another command, finds the processes again.
 */
public final class FlinkSessionCluster {
    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String RESOURCE_PARAMS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path distribution;
    private final Path home;
    private final int restPort;
    private final java.util.Map<String, String> overrides = new java.util.TreeMap<>();
    /** The JVM flags and dynamic properties Flink derives for a TaskManager: the same for each, derived once. */
    private List<String> taskManagerParams;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param distribution the repository's {@code cluster/} directory (its {@code conf/} and {@code target/})
     * @param home where the cluster's configuration, logs, state and pid files go
     * @param restPort the JobManager's REST port
     */
    public FlinkSessionCluster(Path distribution, Path home, int restPort) {
        this.distribution = distribution.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.restPort = restPort;
    }

    /**
     * A setting for every process of this cluster on top of config.yaml, e.g. other ports than
     * {@code jobmanager.rpc.port} 6123 or the Prometheus range 9249-9259 for a second cluster on the machine.
     */
    public FlinkSessionCluster withProperty(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    public Path home() {
        return home;
    }

    public URI restUri() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    /** Where checkpoints go; a job's retained checkpoints are under it, by job id. */
    public Path checkpoints() {
        return home.resolve("state").resolve("checkpoints");
    }

    /**
     * Starts the JobManager and {@code taskManagers} TaskManagers and waits until all have registered.
     *
     * @throws IllegalStateException when a cluster from this home still runs, or the processes do not come up
     */
    public void up(int taskManagers, Duration timeout) throws IOException, InterruptedException {
        if (taskManagers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one TaskManager");
        }
        if (!runningProcesses().isEmpty()) {
            throw new IllegalStateException("a cluster from " + home + " is still running (" + runningProcesses()
                    + "); `tollgate cluster down` first");
        }
        if (reachable()) {
            throw new IllegalStateException("port " + restPort + " already answers as a Flink REST endpoint; "
                    + "stop that cluster or choose another --rest-port");
        }
        prepareHome();
        List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS");
        start("jobmanager", JOB_MANAGER, split(params.get(0)), split(params.get(1)));
        for (int i = 1; i <= taskManagers; i++) {
            startTaskManager(i);
        }
        awaitTaskManagers(taskManagers, timeout);
    }

    /** Starts TaskManager {@code i} (again, after a kill), with the memory flags Flink derives from the config. */
    public void startTaskManager(int i) throws IOException, InterruptedException {
        if (taskManagerParams == null) {
            taskManagerParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        }
        List<String> dynamic = new ArrayList<>(split(taskManagerParams.get(1)));
        dynamic.addAll(List.of("-D", "taskmanager.resource-id=tm-" + i));
        start("taskmanager-" + i, TASK_MANAGER, split(taskManagerParams.get(0)), dynamic);
    }

    /** Starts the JobManager again (after a kill) and waits for {@code taskManagers} to register with it. */
    public void restartJobManager(int taskManagers, Duration timeout) throws IOException, InterruptedException {
        if (handle("jobmanager").isPresent()) {
            throw new IllegalStateException("the jobmanager still runs");
        }
        List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS");
        start("jobmanager", JOB_MANAGER, split(params.get(0)), split(params.get(1)));
        awaitTaskManagers(taskManagers, timeout);
    }

    /**
     * Kills process {@code name} ({@code jobmanager}, {@code taskmanager-1}, ...) with SIGKILL, as a crashed machine
     * or the kernel's OOM killer would: no shutdown hook runs. Waits until it is gone.
     *
     * @return whether it was running
     */
    public boolean kill(String name) throws IOException, InterruptedException {
        Optional<ProcessHandle> p = handle(name);
        if (p.isEmpty()) {
            return false;
        }
        p.get().destroyForcibly();
        try {
            p.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " did not exit after SIGKILL", e);
        }
        Files.deleteIfExists(pidFile(name));
        return true;
    }

    /**
     * The newest complete checkpoint a job retained (its {@code chk-N} directory with {@code _metadata}), or
     * {@code null}: what a job is resubmitted from after its JobManager was lost without HA.
     */
    public Path latestRetainedCheckpoint(String jobId) throws IOException {
        Path dir = checkpoints().resolve(jobId);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var list = Files.list(dir)) {
            return list.filter(d -> d.getFileName().toString().matches("chk-\\d+"))
                    .filter(d -> Files.isRegularFile(d.resolve("_metadata")))
                    .max(java.util.Comparator.comparingLong(d -> Long.parseLong(d.getFileName().toString()
                            .substring(4))))
                    .orElse(null);
        }
    }

    /** Stops every process of the cluster (SIGTERM, then SIGKILL after 20 s) and removes the pid files. */
    public List<String> down() throws IOException {
        List<String> stopped = new ArrayList<>();
        List<String> names = pidFiles().stream().map(FlinkSessionCluster::processName).sorted((a, b) ->
                a.equals("jobmanager") ? 1 : b.equals("jobmanager") ? -1 : a.compareTo(b)).toList();
        for (String name : names) {
            Optional<ProcessHandle> p = handle(name);
            if (p.isPresent()) {
                p.get().destroy();
                try {
                    p.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.get().destroyForcibly();
                }
                stopped.add(name + " (pid " + p.get().pid() + ")");
            }
            Files.deleteIfExists(pidFile(name));
        }
        return stopped;
    }

    /** The processes of this cluster that are alive, by name, with their pid. */
    public Map<String, Long> runningProcesses() throws IOException {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Path f : pidFiles()) {
            String name = processName(f);
            handle(name).ifPresent(h -> out.put(name, h.pid()));
        }
        return out;
    }

    /** Whether the JobManager's REST endpoint answers. */
    public boolean reachable() {
        try {
            rest("/overview");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** GET on the REST API; the response as JSON. */
    public JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(restUri().resolve(path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return answer(r, path);
    }

    /**
     * Uploads the job jar and runs {@code entryClass} with {@code args} (REST {@code /jars/upload} and
     * {@code /jars/<id>/run}), as {@code flink run} does.
     *
     * @return the job id
     */
    public String submit(Path jar, String entryClass, List<String> args, int parallelism)
            throws IOException, InterruptedException {
        return submit(jar, entryClass, args, parallelism, null);
    }

    /** As {@link #submit(Path, String, List, int)}, restoring from {@code savepoint} when it is not null. */
    public String submit(Path jar, String entryClass, List<String> args, int parallelism, String savepoint)
            throws IOException, InterruptedException {
        String boundary = "tollgate-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(restUri().resolve("/jars/upload"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        String file = answer(uploaded, "/jars/upload").path("filename").asText();
        String jarId = Path.of(file).getFileName().toString();
        var run = JSON.createObjectNode().put("entryClass", entryClass).put("parallelism", parallelism);
        args.forEach(run.putArray("programArgsList")::add);
        if (savepoint != null) {
            run.put("savepointPath", savepoint);
        }
        return post("/jars/" + jarId + "/run", run, Duration.ofMinutes(2)).path("jobid").asText();
    }

    /**
     * Stops the job with a savepoint (REST {@code /jobs/<id>/stop}: sources stop, a final savepoint is taken, the
     * transactions of the sinks commit) and waits for it.
     *
     * @return the savepoint's path
     */
    public String stopWithSavepoint(String jobId, Duration timeout) throws IOException, InterruptedException {
        var body = JSON.createObjectNode().put("drain", false)
                .put("targetDirectory", home.resolve("state").resolve("savepoints").toUri().toString());
        String request = post("/jobs/" + jobId + "/stop", body, Duration.ofSeconds(30)).path("request-id").asText();
        JsonNode op = poll(timeout, () -> {
            JsonNode status = rest("/jobs/" + jobId + "/savepoints/" + request);
            return "COMPLETED".equals(status.path("status").path("id").asText()) ? status.path("operation") : null;
        });
        if (op == null) {
            throw new IllegalStateException("no savepoint of " + jobId + " within " + timeout);
        }
        if (op.has("failure-cause")) {
            throw new IllegalStateException("savepoint of " + jobId + " failed: " + op.path("failure-cause"));
        }
        return op.path("location").asText();
    }

    /** Waits until the job runs with every task running (or throws with its state). */
    public void awaitRunning(String jobId, Duration timeout) throws IOException, InterruptedException {
        String[] state = {"unknown"};
        Boolean running = poll(timeout, () -> {
            try {
                JsonNode job = rest("/jobs/" + jobId);
                state[0] = job.path("state").asText();
                boolean allRunning = job.path("vertices").size() > 0;
                for (JsonNode v : job.path("vertices")) {
                    allRunning &= "RUNNING".equals(v.path("status").asText());
                }
                if ("RUNNING".equals(state[0]) && allRunning) {
                    return true;
                }
                // a job that ended will not run: stop waiting
                return Set.of("FAILED", "CANCELED", "FINISHED").contains(state[0]) ? false : null;
            } catch (IOException e) {
                state[0] = e.getMessage();
                return null;
            }
        });
        if (!Boolean.TRUE.equals(running)) {
            throw new IllegalStateException("job " + jobId + " is not running after " + timeout + ": " + state[0]
                    + " (logs in " + home.resolve("log") + ")");
        }
    }

    private JsonNode answer(HttpResponse<String> r, String what) throws IOException {
        if (r.statusCode() / 100 != 2) {
            throw new IOException(what + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private void awaitTaskManagers(int n, Duration timeout) throws IOException, InterruptedException {
        int[] registered = {0};
        Boolean up = poll(timeout, () -> {
            if (handle("jobmanager").isEmpty()) {
                throw new IllegalStateException("the jobmanager exited; see " + log("jobmanager"));
            }
            try {
                registered[0] = rest("/overview").path("taskmanagers").asInt();
            } catch (IOException e) {
                return null; // not up yet
            }
            return registered[0] >= n ? true : null;
        });
        if (up == null) {
            throw new IllegalStateException(registered[0] + " of " + n + " TaskManagers registered within " + timeout
                    + "; see " + home.resolve("log"));
        }
    }

    /** One step of {@link #poll}: a result when done, {@code null} to try again. */
    @FunctionalInterface
    private interface Attempt<T> {
        T get() throws IOException, InterruptedException;
    }

    /** Tries every 250 ms until {@code attempt} gives a result, or {@code timeout} passes ({@code null}). */
    private static <T> T poll(Duration timeout, Attempt<T> attempt) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            T result = attempt.get();
            if (result != null || !Instant.now().isBefore(end)) {
                return result;
            }
            Thread.sleep(250);
        }
    }

    private JsonNode post(String path, JsonNode body, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(restUri().resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer(r, path);
    }

    private void prepareHome() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("log"));
        Files.createDirectories(home.resolve("state"));
        for (String f : List.of("config.yaml", "log4j.properties")) {
            Files.copy(distribution.resolve("conf").resolve(f), home.resolve("conf").resolve(f),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The machine-specific settings, on top of config.yaml, for every process. */
    private List<String> machineProperties() {
        URI state = home.resolve("state").toUri();
        List<String> props = new ArrayList<>(List.of("-D", "rest.port=" + restPort,
                "-D", "execution.checkpointing.dir=" + state.resolve("checkpoints"),
                "-D", "execution.checkpointing.savepoint-dir=" + state.resolve("savepoints"),
                "-D", "state.changelog.dstl.dfs.base-path=" + state.resolve("changelog"),
                "-D", "web.upload.dir=" + home.resolve("uploads"),
                "-D", "io.tmp.dirs=" + home.resolve("tmp")));
        overrides.forEach((k, v) -> props.addAll(List.of("-D", k + "=" + v)));
        return props;
    }

    /**
     * The JVM flags and the {@code -D} memory settings Flink derives from config.yaml for a process
     * ({@code GET_JM_RESOURCE_PARAMS} or {@code GET_TM_RESOURCE_PARAMS}), as flink-dist's start scripts ask for them.
     */
    private List<String> resourceParams(String which) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", classpath(), RESOURCE_PARAMS,
                which, "--configDir", home.resolve("conf").toString()));
        cmd.addAll(machineProperties());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> lines = out.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (lines.size() < 2) {
            throw new IllegalStateException("Flink did not derive " + which + " from "
                    + home.resolve("conf/config.yaml") + ":\n" + out);
        }
        return lines.subList(lines.size() - 2, lines.size());
    }

    private void start(String name, String main, List<String> jvm, List<String> dynamic) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvm);
        cmd.addAll(javaOpts());
        cmd.add("-Dlog.file=" + log(name));
        cmd.add("-Dlog4j.configurationFile=" + home.resolve("conf").resolve("log4j.properties").toUri());
        cmd.addAll(List.of("-cp", classpath(), main, "--configDir", home.resolve("conf").toString()));
        cmd.addAll(machineProperties());
        cmd.addAll(dynamic);
        Path out = home.resolve("log").resolve(name + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Files.writeString(pidFile(name), Long.toString(p.pid()));
    }

    private static List<String> split(String flags) {
        return Arrays.asList(flags.trim().split("\\s+"));
    }

    /** {@code env.java.opts.all} of config.yaml: the module opens Flink needs on JDK 17. */
    private List<String> javaOpts() throws IOException {
        JsonNode conf = new YAMLMapper().readTree(home.resolve("conf").resolve("config.yaml").toFile());
        String opts = conf.path("env").path("java").path("opts").path("all").asText("");
        return opts.isBlank() ? List.of() : split(opts);
    }

    private String classpath() throws IOException {
        Path file = distribution.resolve("target").resolve("flink.classpath");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the cluster module first (mvn -q package)");
        }
        return Files.readString(file).trim();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Path log(String name) {
        return home.resolve("log").resolve(name + ".log");
    }

    private Path pidFile(String name) {
        return home.resolve(name + ".pid");
    }

    private static String processName(Path pidFile) {
        String f = pidFile.getFileName().toString();
        return f.substring(0, f.length() - ".pid".length());
    }

    private List<Path> pidFiles() throws IOException {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(home)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList();
        }
    }

    /** The live process behind a pid file, if it is still the Flink process it was (pids are reused). */
    private Optional<ProcessHandle> handle(String name) {
        try {
            Path f = pidFile(name);
            if (!Files.isRegularFile(f)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(f).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains("--configDir "
                            + home.resolve("conf"))).orElse(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
