package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.StateBackendOption;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.jobs.options.ConfigOption;

import dev.tollgate.detectors.policy.PolicyException;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.tools.replay.InputFiles;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate replay}: runs the topology over JSON Lines fixtures and writes the newest verdict per order. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays JSON Lines contract events through the Tollgate topology on a local Flink MiniCluster "
                + "and writes the newest verdict of every order, one JSON object per line, sorted by order id.",
                "Exit codes: 0 done; 2 unusable input path or invalid configuration; 1 the job failed."})
public final class ReplayCommand implements Callable<Integer> {
    /** Execution modes offered on the command line. */
    public enum Mode { BATCH, STREAMING }

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE_OR_DIR", arity = "1..*",
            description = "JSON Lines file(s), or directories whose *.jsonl files are read recursively.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "VERDICTS.jsonl",
            description = "Where to write the newest verdict of every order.")
    Path output;

    @Option(names = "--dlq", paramLabel = "DLQ.jsonl",
            description = "Where to write dead letters (raw record, source, kind, reason). Counted either way.")
    Path dlq;

    @Option(names = "--late", paramLabel = "LATE.jsonl",
            description = "Where to write the audit of late events (applied) and events after a final verdict.")
    Path late;

    @Option(names = "--mode", defaultValue = "batch", paramLabel = "MODE",
            description = "batch (default, for replay and tuning) or streaming (the production code path); "
                    + "both give the same final verdicts.")
    Mode mode;

    @Mixin
    ParallelismOption parallelism;

    @Mixin
    StateBackendOption backend;

    @Option(names = "--quiet", description = "Print only the one-line totals, not the summary per decision and reason.")
    boolean quiet;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files;
        TollgateConfig cfg;
        try {
            files = InputFiles.resolve(inputs);
            cfg = config.load();
            checkWritable(output);
            if (dlq != null) {
                checkWritable(dlq);
            }
            if (late != null) {
                checkWritable(late);
            }
        } catch (IllegalArgumentException | PolicyException e) {
            err.println("tollgate replay: " + e.getMessage());
            return 2;
        }
        RuntimeExecutionMode runtime = mode == Mode.BATCH ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING;
        VerdictSummary.Tally tally = new VerdictSummary.Tally();
        ReplayJob.Summary result = withProgress(files, () -> new ReplayJob(cfg, runtime, parallelism.value,
                Clock.systemUTC()).withStateOnDisk(backend.onDisk()).runToFiles(files, new ReplayJob.OutputFiles(output, dlq,
                late), tally));
        printSummary(result, tally, spec.commandLine().getOut());
        return 0;
    }

    /** Shows a progress line with records/s while {@code job} runs (redrawn on a terminal, periodic otherwise). */
    private <T> T withProgress(List<Path> files, Callable<T> job) throws Exception {
        long total = 0;
        for (Path f : files) {
            try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
                total += lines.filter(l -> !l.isBlank()).count();
            }
        }
        Progress progress = new Progress(spec.commandLine().getErr(), total, "replay");
        long before = dev.tollgate.jobs.pipeline.ParseRecords.PARSED_IN_THIS_JVM.get();
        java.util.concurrent.ScheduledExecutorService ticker =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "replay-progress");
                    t.setDaemon(true);
                    return t;
                });
        ticker.scheduleAtFixedRate(() -> progress.update(
                        dev.tollgate.jobs.pipeline.ParseRecords.PARSED_IN_THIS_JVM.get() - before),
                250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            T result = job.call();
            progress.done(dev.tollgate.jobs.pipeline.ParseRecords.PARSED_IN_THIS_JVM.get() - before);
            return result;
        } finally {
            ticker.shutdownNow();
        }
    }

    private void printSummary(ReplayJob.Summary r, VerdictSummary.Tally tally, PrintWriter out) {
        double seconds = Math.max(r.elapsedMillis(), 1) / 1000.0;
        double jobSeconds = Math.max(r.jobMillis(), 1) / 1000.0;
        out.printf("replayed %d records (%s mode) in %.1f s (job %.1f s, %.0f records/s): %d orders, "
                        + "%d verdict versions, %d dead letters, %d late events%n",
                r.records(), mode.name().toLowerCase(), seconds, jobSeconds, r.records() / jobSeconds,
                r.orders(), r.verdictVersions(), r.deadLetters(), r.lateEvents());
        if (quiet) {
            return;
        }
        tally.print(out);
        if (!r.deadLettersByKind().isEmpty()) {
            out.println("dead letters:");
            r.deadLettersByKind().forEach((k, v) -> out.printf("  %-16s %6d%n", k, v));
        }
        out.println("verdicts written to " + output);
        out.flush();
    }

    private static void checkWritable(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("output directory '" + parent + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("output '" + file + "' is a directory");
        }
    }

}
