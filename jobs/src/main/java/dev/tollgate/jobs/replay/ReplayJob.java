package dev.tollgate.jobs.replay;

import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.jobs.pipeline.LateEvent;
import dev.tollgate.jobs.pipeline.LateEventJson;
import dev.tollgate.detectors.parse.DeadLetterJson;
import dev.tollgate.jobs.pipeline.RawRecord;
import dev.tollgate.jobs.pipeline.TollgatePipeline;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Replays JSON Lines fixtures through the Tollgate topology on a local MiniCluster, in BATCH mode (the default, for
 * tuning) or STREAMING mode (the production code path), and returns the newest verdict of every order.
 */
public final class ReplayJob {

    /**
     * What a replay produced. {@code verdicts} holds the newest verdict per order, sorted by order id;
     * {@code jobMillis} is Flink's net runtime of the job, {@code elapsedMillis} the whole replay with reading,
     * cluster start and writing.
     */
    public record Result(List<Verdict> verdicts, List<DeadLetter> deadLetters, List<LateEvent> lateEvents,
                         long records, long verdictVersions, long jobMillis, long elapsedMillis) {
    }

    private final TollgateConfig config;
    private final RuntimeExecutionMode mode;
    private final int parallelism;
    private final Clock clock;

    public ReplayJob(TollgateConfig config, RuntimeExecutionMode mode, int parallelism, Clock clock) {
        this.config = config;
        this.mode = mode;
        this.parallelism = parallelism;
        this.clock = clock;
    }

    /** The job configuration every Tollgate job runs with: no silent Kryo fallback, no generated uids. */
    public static Configuration baseConfiguration(RuntimeExecutionMode mode, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.setString("parallelism.default", Integer.toString(parallelism));
        return conf;
    }

    public Result run(List<Path> files) throws Exception {
        return runVariants(files, List.of(config)).get(0);
    }

    /**
     * Scores the input under each configuration side by side in one job: the files are read, parsed and timed once
     * (see {@link TollgatePipeline#buildVariants}); a sweep pays for one job and one parse, not one per value.
     *
     * @return one result per configuration, in order; dead letters and late events (which the configurations share)
     *     are in the first, {@code jobMillis} and {@code elapsedMillis} are those of the whole job
     */
    public List<Result> runVariants(List<Path> files, List<TollgateConfig> variants) throws Exception {
        long started = System.nanoTime();
        Scan scan = scan(files);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                baseConfiguration(mode, parallelism));
        env.setParallelism(parallelism);
        env.configure(baseConfiguration(mode, parallelism));

        Path work = Files.createTempDirectory("tollgate-replay");
        try {
            DataStream<RawRecord> raw = rawRecords(env, files, scan, work);
            long horizon = scan.maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE
                    : scan.maxEventTime - config.settings().time().outOfOrderness().toMillis();
            List<TollgatePipeline.Streams> outs = TollgatePipeline.buildVariants(raw, variants, horizon, clock);
            for (int i = 0; i < outs.size(); i++) {
                String suffix = TollgatePipeline.variantSuffix(i);
                outs.get(i).verdicts().keyBy(Verdict::orderId)
                        .process(new NewestVerdictPerOrder()).uid(NewestVerdictPerOrder.UID + suffix)
                        .name("newest verdict per order")
                        .sinkTo(new JsonLinesFileSink<>(work.resolve("verdicts" + suffix), VerdictJson::write))
                        .uid("verdict-files" + suffix).name("verdict files");
            }
            outs.get(0).deadLetters().sinkTo(new JsonLinesFileSink<>(work.resolve("dlq"), DeadLetterJson::write))
                    .uid("dlq-files").name("dead-letter files");
            outs.get(0).lateEvents().sinkTo(new JsonLinesFileSink<>(work.resolve("late"), LateEventJson::write))
                    .uid("late-files").name("late-event files");
            JobExecutionResult job = env.execute("tollgate replay (" + mode.name().toLowerCase(Locale.ROOT) + ")");

            long elapsed = (System.nanoTime() - started) / 1_000_000;
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                List<Verdict> verdicts = readAll(work.resolve("verdicts" + TollgatePipeline.variantSuffix(i)),
                        VerdictJson::read);
                verdicts.sort(Comparator.comparing(Verdict::orderId));
                long versions = verdicts.stream().mapToLong(Verdict::version).sum();
                results.add(new Result(verdicts,
                        i == 0 ? readAll(work.resolve("dlq"), DeadLetterJson::read) : List.of(),
                        i == 0 ? readAll(work.resolve("late"), LateEventJson::read) : List.of(),
                        scan.records, versions, job.getNetRuntime(), elapsed));
            }
            return results;
        } finally {
            deleteRecursively(work);
        }
    }

    private DataStream<RawRecord> rawRecords(StreamExecutionEnvironment env, List<Path> files, Scan scan, Path work)
            throws IOException {
        if (mode == RuntimeExecutionMode.STREAMING) {
            // A stream replays traffic as it happened: the inputs are merged into event-time order first, since
            // several files (or an unsorted file) would otherwise look months late to the watermark.
            Path merged = work.resolve("input-in-event-time-order.tsv");
            scan.writeInEventTimeOrder(merged);
            List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
            return lines(env, merged, 0).map(line -> {
                int tab = line.indexOf('\t');
                return new RawRecord(names.get(Integer.parseInt(line.substring(0, tab))), line.substring(tab + 1),
                        null);
            }).uid("raw-0").name("raw records");
        } else {
            DataStream<RawRecord> raw = null;
            for (int i = 0; i < files.size(); i++) {
                String name = files.get(i).getFileName().toString();
                DataStream<RawRecord> one = lines(env, files.get(i), i)
                        .map(line -> new RawRecord(name, line, null)).uid("raw-" + i).name("raw records " + name);
                raw = raw == null ? one : raw.union(one);
            }
            return raw;
        }
    }

    private static DataStream<String> lines(StreamExecutionEnvironment env, Path file, int index) {
        FileSource<String> source = FileSource
                .forRecordStreamFormat(new TextLineInputFormat(),
                        new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "file " + file.getFileName())
                .uid("source-" + index).setParallelism(1)
                .filter(line -> !line.isBlank()).uid("non-blank-" + index).name("skip blank lines");
    }

    private static <T> List<T> readAll(Path dir, Function<String, T> parse) throws IOException {
        List<T> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.sorted().toList()) {
                try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        out.add(parse.apply(line));
                    }
                }
            }
        }
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What one pass over the input learned; in STREAMING mode it also keeps the lines to order them. */
    private static final class Scan {
        long records;
        long maxEventTime = Long.MIN_VALUE;
        final List<TimedLine> lines;

        Scan(boolean keepLines) {
            this.lines = keepLines ? new ArrayList<>() : null;
        }

        /**
         * Stable sort by the newest event time of each line (when a native snapshot was sent); unreadable lines (no
         * time) first, so they reach the dead letters at once.
         */
        void writeInEventTimeOrder(Path target) throws IOException {
            lines.sort(Comparator.comparingLong(TimedLine::ts));
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                for (TimedLine l : lines) {
                    w.write(Integer.toString(l.file()));
                    w.write('\t');
                    w.write(l.line());
                    w.newLine();
                }
            }
        }
    }

    private record TimedLine(long ts, int file, String line) {
    }

    /**
     * Reads the input once to learn how far its event time reaches, so that BATCH mode knows which deadlines the
     * input itself proves passed, exactly as the watermark tells STREAMING mode.
     */
    private Scan scan(List<Path> files) throws IOException {
        EventParser parser = new EventParser(config.settings().parserSettings());
        Scan scan = new Scan(mode == RuntimeExecutionMode.STREAMING);
        for (int i = 0; i < files.size(); i++) {
            try (BufferedReader r = Files.newBufferedReader(files.get(i), StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    scan.records++;
                    long ts = Long.MIN_VALUE;
                    for (ContractEvent e : parser.parse(line, "", null).events()) {
                        ts = Math.max(ts, e.ts());
                        scan.maxEventTime = Math.max(scan.maxEventTime, e.ts());
                    }
                    if (scan.lines != null) {
                        scan.lines.add(new TimedLine(ts, i, line));
                    }
                }
            }
        }
        return scan;
    }
}
