package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.StateBackendOption;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.jobs.options.ConfigOption;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.tools.bench.HeapWatch;
import dev.tollgate.tools.replay.Directories;
import dev.tollgate.tools.replay.InputFiles;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tollgate bench replay}: in one process and one run, the parsing ceiling (read and parse with Tollgate's own
 * parser, then discard) and the full pipeline in each mode on the same file; records/s of each by Flink's job time,
 * the pipeline's share of the ceiling, the heap after collections, and whether the modes' final verdicts agree.
 * Absolute figures drift on a shared machine; the ratio within one run does not.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Measures the replay against the parsing ceiling on the same input, in one run: records/s by "
                + "Flink job time, ratio to the ceiling, peak heap after GC, and whether BATCH and STREAMING give the "
                + "same final verdicts (decision, reason codes, eligible amount).")
public final class BenchReplayCommand implements Callable<Integer> {
    enum Mode { BATCH, STREAMING, BOTH }

    @Option(names = {"-i", "--input"}, required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
            description = "JSON Lines files or directories, as for replay.")
    List<Path> inputs;

    @Option(names = "--mode", defaultValue = "both", paramLabel = "batch|streaming|both",
            description = "Which pipeline modes to measure (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Rounds of all jobs in turn; medians are reported, the ratio within each round "
                    + "(default: ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin
    ParallelismOption parallelism;

    @Mixin
    StateBackendOption backend;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files;
        try {
            files = InputFiles.resolve(inputs);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("tollgate bench replay: " + e.getMessage());
            return 2;
        }
        TollgateConfig cfg = config.load();
        Path work = Files.createTempDirectory("tollgate-bench");
        try (HeapWatch heap = new HeapWatch()) {
            out.printf(Locale.ROOT, "bench replay: %s, parallelism %d, %d cores, max heap %d MB, %s, streaming state "
                            + "%s%n", files, parallelism.value, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getRuntimeMXBean().getVmVersion(),
                    backend.value.name().toLowerCase(Locale.ROOT));
            out.flush();
            List<Job> jobs = new ArrayList<>();
            jobs.add(new Job("parse only (ceiling)", () -> new ReplayJob(cfg, RuntimeExecutionMode.STREAMING,
                    parallelism.value, Clock.systemUTC()).parseOnly(files)));
            List<Path> outputs = new ArrayList<>();
            for (RuntimeExecutionMode m : modes()) {
                Path verdicts = work.resolve(m.name().toLowerCase(Locale.ROOT) + ".jsonl");
                outputs.add(verdicts);
                jobs.add(new Job("pipeline " + m.name().toLowerCase(Locale.ROOT), () -> {
                    ReplayJob.Summary s = new ReplayJob(cfg, m, parallelism.value, Clock.systemUTC())
                            .withStateOnDisk(backend.onDisk()).runToFiles(files,
                            new ReplayJob.OutputFiles(verdicts, null, null), v -> { });
                    return new long[] {s.records(), s.jobMillis()};
                }));
            }
            // rounds of every job in turn: a machine that speeds up or slows down between rounds moves the ceiling
            // and the pipeline together, and each round's ratio is taken within the round
            for (int round = 1; round <= Math.max(repeat, 1); round++) {
                for (Job job : jobs) {
                    job.run(heap, round);
                }
            }
            print(jobs, out);
            if (outputs.size() == 2) {
                long[] agree = compare(outputs.get(0), outputs.get(1));
                out.printf(Locale.ROOT, "final verdicts: BATCH and STREAMING agree on %d of %d orders (decision, "
                        + "reason codes, eligible amount)%n", agree[0], agree[1]);
            }
        } finally {
            Directories.deleteRecursively(work);
        }
        out.flush();
        return 0;
    }

    /** One job measured over the rounds. */
    private final class Job {
        final String name;
        final Callable<long[]> body;
        final List<Long> millis = new ArrayList<>();
        long records;
        long peakAfterGc;
        long peakAfterFullGc;
        long fullGcs;

        Job(String name, Callable<long[]> body) {
            this.name = name;
            this.body = body;
        }

        void run(HeapWatch heap, int round) throws Exception {
            heap.reset();
            long[] r = body.call();
            records = r[0];
            millis.add(r[1]);
            peakAfterGc = Math.max(peakAfterGc, heap.peakAfterGc());
            peakAfterFullGc = Math.max(peakAfterFullGc, heap.peakAfterFullGc());
            fullGcs = Math.max(fullGcs, heap.fullCollections());
            spec.commandLine().getErr().printf(Locale.ROOT, "  round %d, %s: %d records in %.1f s%n", round, name,
                    records, r[1] / 1000.0);
        }

        long medianMillis() {
            List<Long> sorted = new ArrayList<>(millis);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }

        double perSecond(long ms) {
            return records / (Math.max(ms, 1) / 1000.0);
        }
    }

    private List<RuntimeExecutionMode> modes() {
        return switch (mode) {
            case BATCH -> List.of(RuntimeExecutionMode.BATCH);
            case STREAMING -> List.of(RuntimeExecutionMode.STREAMING);
            case BOTH -> List.of(RuntimeExecutionMode.BATCH, RuntimeExecutionMode.STREAMING);
        };
    }

    private static void print(List<Job> jobs, PrintWriter out) {
        Job ceiling = jobs.get(0);
        out.printf(Locale.ROOT, "%-22s %10s %8s %11s %10s %16s %16s%n", "job", "records", "job s", "records/s",
                "of ceiling", "peak after GC", "after full GC");
        for (Job j : jobs) {
            // the median over the rounds of this job's rate over the ceiling's rate in the same round
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < j.millis.size(); i++) {
                ratios.add(j.perSecond(j.millis.get(i)) / ceiling.perSecond(ceiling.millis.get(i)));
            }
            ratios.sort(null);
            out.printf(Locale.ROOT, "%-22s %10d %8.1f %11.0f %10.3f %13d MB %10s%n", j.name, j.records,
                    j.medianMillis() / 1000.0, j.perSecond(j.medianMillis()), ratios.get(ratios.size() / 2),
                    j.peakAfterGc >> 20, j.fullGcs == 0 ? "no full GC"
                            : (j.peakAfterFullGc >> 20) + " MB (" + j.fullGcs + ")");
        }
    }

    /** Walks two verdict files sorted by order id; returns orders with the same outcome and orders in either. */
    static long[] compare(Path a, Path b) throws IOException {
        long same = 0;
        long total = 0;
        try (BufferedReader ra = Files.newBufferedReader(a, StandardCharsets.UTF_8);
             BufferedReader rb = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
            Verdict va = next(ra);
            Verdict vb = next(rb);
            while (va != null || vb != null) {
                total++;
                int c = va == null ? 1 : vb == null ? -1 : va.orderId().compareTo(vb.orderId());
                if (c == 0) {
                    same += outcome(va).equals(outcome(vb)) ? 1 : 0;
                    va = next(ra);
                    vb = next(rb);
                } else if (c < 0) {
                    va = next(ra);
                } else {
                    vb = next(rb);
                }
            }
        }
        return new long[] {same, total};
    }

    private static Verdict next(BufferedReader r) throws IOException {
        String line = r.readLine();
        return line == null ? null : VerdictJson.read(line);
    }

    private static String outcome(Verdict v) {
        return v.decision() + " " + v.reasons().stream().map(Reason::code).sorted().toList() + " "
                + v.eligibleAmount();
    }
}
