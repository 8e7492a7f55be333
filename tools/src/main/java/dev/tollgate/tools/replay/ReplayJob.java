package dev.tollgate.tools.replay;

import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.FutureTimestamps;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.jobs.pipeline.LateEvent;
import dev.tollgate.jobs.pipeline.LateEventJson;
import dev.tollgate.detectors.parse.DeadLetterJson;
import dev.tollgate.jobs.pipeline.Envelope;
import dev.tollgate.jobs.pipeline.JobDefaults;
import dev.tollgate.jobs.pipeline.Outputs;
import dev.tollgate.jobs.pipeline.ParseRecords;
import dev.tollgate.jobs.pipeline.RawRecord;
import dev.tollgate.jobs.pipeline.TollgatePipeline;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Replays JSON Lines fixtures through the Tollgate topology on a local MiniCluster, in BATCH mode (the default, for
 * tuning) or STREAMING mode (the production code path), and writes the newest verdict of every order.
 *
 * <p>Memory does not grow with the input: the job writes every verdict version to part files as it goes, and an
 * {@link ExternalSort} on disk orders them by order id and keeps the newest; a STREAMING replay of input that is not in
 * event-time order (several files, or one unsorted file) is merged into event-time order the same way first.
 */
public final class ReplayJob {

    /**
     * What a replay produced, in memory (for evaluation, sweeps and tests). {@code verdicts} holds the newest verdict
     * per order, sorted by order id; {@code jobMillis} is Flink's net runtime of the job, {@code elapsedMillis} the
     * whole replay with reading, cluster start and writing.
     */
    public record Result(List<Verdict> verdicts, List<DeadLetter> deadLetters, List<LateEvent> lateEvents,
                         long records, long verdictVersions, long jobMillis, long elapsedMillis) {
    }

    /** Where a replay writes: verdicts (newest per order, by order id); dead letters and late events when not null. */
    public record OutputFiles(Path verdicts, Path deadLetters, Path lateEvents) {
    }

    /** What a replay to files counted. */
    public record Summary(long records, long orders, long verdictVersions, long deadLetters,
                          Map<String, Long> deadLettersByKind, long lateEvents, long jobMillis, long elapsedMillis) {
    }

    private final TollgateConfig config;
    private final RuntimeExecutionMode mode;
    private final int parallelism;
    private final Clock clock;
    private boolean stateOnDisk;

    public ReplayJob(TollgateConfig config, RuntimeExecutionMode mode, int parallelism, Clock clock) {
        this.config = config;
        this.mode = mode;
        this.parallelism = parallelism;
        this.clock = clock;
    }

    /**
     * Whether a STREAMING replay keeps keyed state on local disk (RocksDB) instead of the heap, for inputs whose open
     * orders and clicks outgrow it; BATCH execution ignores it.
     */
    public ReplayJob withStateOnDisk(boolean onDisk) {
        this.stateOnDisk = onDisk;
        return this;
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
        Path out = Files.createTempDirectory("tollgate-replay-out");
        try {
            List<OutputFiles> outputs = new ArrayList<>();
            for (int i = 0; i < variants.size(); i++) {
                outputs.add(new OutputFiles(out.resolve("verdicts-" + i + ".jsonl"),
                        i == 0 ? out.resolve("dlq.jsonl") : null, i == 0 ? out.resolve("late.jsonl") : null));
            }
            List<Summary> summaries = runToFiles(files, variants, outputs, v -> { });
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < variants.size(); i++) {
                Summary sum = summaries.get(i);
                results.add(new Result(readAll(outputs.get(i).verdicts(), VerdictJson::read),
                        i == 0 ? readAll(outputs.get(0).deadLetters(), DeadLetterJson::read) : List.of(),
                        i == 0 ? readAll(outputs.get(0).lateEvents(), LateEventJson::read) : List.of(),
                        sum.records(), sum.verdictVersions(), sum.jobMillis(), sum.elapsedMillis()));
            }
            return results;
        } finally {
            Directories.deleteRecursively(out);
        }
    }

    /**
     * The parsing ceiling: the same files read by the same sources and parsed and validated by Tollgate's own parser
     * (dead letters included), then discarded. What a replay can reach at most; benchmarks report the pipeline as a
     * share of it.
     *
     * @return records read and Flink's net runtime of the job in milliseconds
     */
    public long[] parseOnly(List<Path> files) throws Exception {
        Configuration conf = JobDefaults.configuration(RuntimeExecutionMode.STREAMING, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.configure(conf);
        SingleOutputStreamOperator<Envelope> parsed = rawRecords(env, files, false, null)
                .process(new ParseRecords(config.settings().parserSettings(), config.programIds(),
                        FutureTimestamps.none()))
                .uid("parse").name("parse and validate");
        parsed.sinkTo(new DiscardingSink<>()).uid("discard").name("discard");
        parsed.getSideOutput(Outputs.DEAD_LETTERS).sinkTo(new DiscardingSink<>()).uid("discard-dlq")
                .name("discard dead letters");
        long before = ParseRecords.PARSED_IN_THIS_JVM.get();
        JobExecutionResult job = env.execute("tollgate parse only");
        return new long[] {ParseRecords.PARSED_IN_THIS_JVM.get() - before, job.getNetRuntime()};
    }

    /** Replays {@code files} into {@code outputs}; {@code each} sees every written verdict (for a summary). */
    public Summary runToFiles(List<Path> files, OutputFiles outputs, Consumer<Verdict> each) throws Exception {
        return runToFiles(files, List.of(config), List.of(outputs), each).get(0);
    }

    private List<Summary> runToFiles(List<Path> files, List<TollgateConfig> variants, List<OutputFiles> outputs,
                                     Consumer<Verdict> each) throws Exception {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("tollgate-replay");
        try {
            Scan scan = scan(files);
            Configuration conf = JobDefaults.configuration(mode, parallelism);
            if (mode == RuntimeExecutionMode.STREAMING && stateOnDisk) {
                // in Flink's temporary directories; no checkpoints, since a replay is rerun rather than restored
                conf.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND, "rocksdb");
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            env.configure(conf);
            // several files unioned arrive interleaved in no particular order: a stream merges them too
            boolean sortInput = mode == RuntimeExecutionMode.STREAMING && !scan.inEventTimeOrder(files.size());
            DataStream<RawRecord> raw = rawRecords(env, files, sortInput, work);
            Duration futureBound = config.settings().time().futureBound();
            long newest = scan.days.newestBelieved(futureBound);
            long horizon = newest == Long.MIN_VALUE ? Long.MIN_VALUE
                    : newest - config.settings().time().outOfOrderness().toMillis();
            List<TollgatePipeline.Streams> outs = TollgatePipeline.buildVariants(raw, variants, horizon,
                    FutureTimestamps.atCutoff(scan.days.cutoff(futureBound), futureBound), clock);
            for (int i = 0; i < outs.size(); i++) {
                String suffix = TollgatePipeline.variantSuffix(i);
                outs.get(i).verdicts()
                        .sinkTo(new JsonLinesFileSink<>(work.resolve("verdicts" + suffix), ReplayJob::keyedVerdict))
                        .uid("verdict-files" + suffix).name("verdict files");
            }
            outs.get(0).deadLetters().sinkTo(new JsonLinesFileSink<>(work.resolve("dlq"), DeadLetterJson::write))
                    .uid("dlq-files").name("dead-letter files");
            outs.get(0).lateEvents().sinkTo(new JsonLinesFileSink<>(work.resolve("late"), LateEventJson::write))
                    .uid("late-files").name("late-event files");
            JobExecutionResult job = env.execute("tollgate replay (" + mode.name().toLowerCase(Locale.ROOT) + ")");

            Map<String, Long> deadByKind = new TreeMap<>();
            long dead = concatenate(work.resolve("dlq"), outputs.get(0).deadLetters(),
                    line -> deadByKind.merge(DeadLetterJson.read(line).kind().name(), 1L, Long::sum));
            long late = concatenate(work.resolve("late"), outputs.get(0).lateEvents(), line -> { });
            List<Summary> summaries = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                long[] counts = newestPerOrder(work.resolve("verdicts" + TollgatePipeline.variantSuffix(i)),
                        work.resolve("sort-" + i), outputs.get(i).verdicts(), i == 0 ? each : v -> { });
                summaries.add(new Summary(scan.records, counts[0], counts[1], i == 0 ? dead : 0,
                        i == 0 ? deadByKind : Map.of(), i == 0 ? late : 0, job.getNetRuntime(),
                        (System.nanoTime() - started) / 1_000_000));
            }
            return summaries;
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** A verdict version as a sortable line: order id, then version, then the verdict. */
    static String keyedVerdict(Verdict v) {
        return ExternalSort.textKey(v.orderId()) + "\0" + ExternalSort.longKey(v.version()) + "\t"
                + VerdictJson.write(v);
    }

    /**
     * Sorts the verdict versions in {@code parts} by order id and version and writes the newest of each order.
     *
     * @return the number of orders and the sum of their newest versions
     */
    private static long[] newestPerOrder(Path parts, Path work, Path target, Consumer<Verdict> each)
            throws IOException {
        long[] counts = new long[2];
        try (ExternalSort sort = new ExternalSort(work, ExternalSort.DEFAULT_RUN_CHARS);
             BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            forEachLine(parts, sort::add);
            String[] pending = new String[2];
            Consumer<String> flush = line -> {
                Verdict v = VerdictJson.read(line);
                counts[0]++;
                counts[1] += v.version();
                each.accept(v);
                try {
                    w.write(line);
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            sort.merge(line -> {
                int tab = line.indexOf('\t');
                String order = line.substring(0, line.lastIndexOf('\0', tab));
                if (pending[0] != null && !pending[0].equals(order)) {
                    flush.accept(pending[1]);
                }
                pending[0] = order;
                pending[1] = line.substring(tab + 1);
            });
            if (pending[0] != null) {
                flush.accept(pending[1]);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return counts;
    }

    private interface LineSink {
        void accept(String line) throws IOException;
    }

    /** Every line of a file, or of the part files in a directory (none when it does not exist). */
    private static void forEachLine(Path fileOrDir, LineSink sink) throws IOException {
        if (!Files.exists(fileOrDir)) {
            return;
        }
        List<Path> files;
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> parts = Files.list(fileOrDir)) {
                files = parts.sorted().toList();
            }
        } else {
            files = List.of(fileOrDir);
        }
        for (Path part : files) {
            try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            }
        }
    }

    /**
     * Copies the part files in {@code dir} into {@code target} (when not null), showing each line to {@code each};
     * returns the number of lines.
     */
    private static long concatenate(Path dir, Path target, Consumer<String> each) throws IOException {
        long[] n = new long[1];
        try (BufferedWriter w = target == null ? null : Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            forEachLine(dir, line -> {
                each.accept(line);
                if (w != null) {
                    w.write(line);
                    w.write('\n');
                }
                n[0]++;
            });
        }
        return n[0];
    }

    private DataStream<RawRecord> rawRecords(StreamExecutionEnvironment env, List<Path> files, boolean sortInput,
                                             Path work) throws IOException {
        if (sortInput) {
            // A stream replays traffic as it happened: inputs that are not one file in event-time order are merged
            // into that order first (on disk), since they would otherwise look months late to the watermark.
            Path merged = work.resolve("input-in-event-time-order.tsv");
            writeInEventTimeOrder(files, merged, work.resolve("input-sort"));
            List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
            return lines(env, merged, 0).map(line -> {
                int tab = line.indexOf('\t');
                int second = line.indexOf('\t', tab + 1);
                return new RawRecord(names.get(Integer.parseInt(line.substring(tab + 1, second))),
                        line.substring(second + 1), null);
            }).uid("raw-0").name("raw records");
        }
        DataStream<RawRecord> raw = null;
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            DataStream<RawRecord> one = lines(env, files.get(i), i)
                    .map(line -> new RawRecord(name, line, null)).uid("raw-" + i).name("raw records " + name);
            raw = raw == null ? one : raw.union(one);
        }
        return raw;
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

    private static <T> List<T> readAll(Path file, Function<String, T> parse) throws IOException {
        List<T> out = new ArrayList<>();
        if (file != null) {
            forEachLine(file, line -> out.add(parse.apply(line)));
        }
        return out;
    }

    /** What one pass over the input learned: how many records, how far event time reaches, whether it is ordered. */
    private static final class Scan {
        long records;
        long maxEventTime = Long.MIN_VALUE;
        /** Where the input's event times fall, for the FUTURE_TIMESTAMP cutoff. */
        final FutureTimestamps.Days days = new FutureTimestamps.Days();
        /** Whether some line lies further behind the newest event before it than the out-of-orderness bound. */
        boolean late;

        /** Whether a stream of the files as they are would see no event behind its watermark. */
        boolean inEventTimeOrder(int fileCount) {
            return fileCount == 1 && !late;
        }
    }

    /** Event time of a line for ordering: the newest event it carries; unreadable lines (no time) first. */
    private long lineTime(EventParser parser, String line) {
        long ts = Long.MIN_VALUE;
        for (ContractEvent e : parser.parse(line, "", null).events()) {
            ts = Math.max(ts, e.ts());
        }
        return ts;
    }

    /**
     * Reads the input once to learn how far its event time reaches, so that BATCH mode knows which deadlines the
     * input itself proves passed, exactly as the watermark tells STREAMING mode, and whether a stream can read it as
     * it is.
     */
    private Scan scan(List<Path> files) throws IOException {
        EventParser parser = new EventParser(config.settings().parserSettings());
        long bound = config.settings().time().outOfOrderness().toMillis();
        Scan scan = new Scan();
        for (Path file : files) {
            forEachLine(file, line -> {
                if (line.isBlank()) {
                    return;
                }
                scan.records++;
                long ts = lineTime(parser, line);
                if (ts != Long.MIN_VALUE && scan.maxEventTime != Long.MIN_VALUE && ts < scan.maxEventTime - bound) {
                    scan.late = true;
                }
                scan.maxEventTime = Math.max(scan.maxEventTime, ts);
                if (ts != Long.MIN_VALUE) {
                    scan.days.add(ts);
                }
            });
        }
        return scan;
    }

    /** Writes every line of {@code files} as {@code time TAB file-index TAB line}, stably sorted by time. */
    private void writeInEventTimeOrder(List<Path> files, Path target, Path work) throws IOException {
        EventParser parser = new EventParser(config.settings().parserSettings());
        try (ExternalSort sort = new ExternalSort(work, ExternalSort.DEFAULT_RUN_CHARS);
             BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (int i = 0; i < files.size(); i++) {
                int index = i;
                forEachLine(files.get(i), line -> {
                    if (!line.isBlank()) {
                        sort.add(ExternalSort.longKey(lineTime(parser, line)) + "\t" + index + "\t" + line);
                    }
                });
            }
            sort.merge(line -> {
                try {
                    w.write(line);
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
