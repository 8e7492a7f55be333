package dev.tollgate.jobs.replay;

import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.ParseOutcome;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.jobs.pipeline.LateEvent;
import dev.tollgate.jobs.pipeline.LateEventJson;
import dev.tollgate.detectors.parse.DeadLetterJson;
import dev.tollgate.jobs.pipeline.RawRecord;
import dev.tollgate.jobs.pipeline.TollgatePipeline;
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

    /** What a replay produced. {@code verdicts} holds the newest verdict per order, sorted by order id. */
    public record Result(List<Verdict> verdicts, List<DeadLetter> deadLetters, List<LateEvent> lateEvents,
                         long records, long verdictVersions, long elapsedMillis) {
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
        long started = System.nanoTime();
        Scan scan = scan(files);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                baseConfiguration(mode, parallelism));
        env.setParallelism(parallelism);
        env.configure(baseConfiguration(mode, parallelism));

        DataStream<RawRecord> raw = null;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString();
            FileSource<String> source = FileSource
                    .forRecordStreamFormat(new TextLineInputFormat(),
                            new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                    .build();
            DataStream<RawRecord> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "file " + name)
                    .uid("source-" + i).setParallelism(1)
                    .filter(line -> !line.isBlank()).uid("non-blank-" + i).name("skip blank lines")
                    .map(line -> new RawRecord(name, line, null)).uid("raw-" + i).name("raw records " + name);
            raw = raw == null ? lines : raw.union(lines);
        }
        long horizon = scan.maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE
                : scan.maxEventTime - config.settings().time().outOfOrderness().toMillis();
        TollgatePipeline.Streams out = TollgatePipeline.build(raw, config, horizon, clock);

        Path work = Files.createTempDirectory("tollgate-replay");
        try {
            out.verdicts().keyBy(Verdict::orderId)
                    .process(new NewestVerdictPerOrder()).uid(NewestVerdictPerOrder.UID).name("newest verdict per order")
                    .sinkTo(new JsonLinesFileSink<>(work.resolve("verdicts"), VerdictJson::write))
                    .uid("verdict-files").name("verdict files");
            out.deadLetters().sinkTo(new JsonLinesFileSink<>(work.resolve("dlq"), DeadLetterJson::write))
                    .uid("dlq-files").name("dead-letter files");
            out.lateEvents().sinkTo(new JsonLinesFileSink<>(work.resolve("late"), LateEventJson::write))
                    .uid("late-files").name("late-event files");
            env.execute("tollgate replay (" + mode.name().toLowerCase(Locale.ROOT) + ")");

            List<Verdict> verdicts = readAll(work.resolve("verdicts"), VerdictJson::read);
            verdicts.sort(Comparator.comparing(Verdict::orderId));
            long versions = verdicts.stream().mapToLong(Verdict::version).sum();
            return new Result(verdicts, readAll(work.resolve("dlq"), DeadLetterJson::read),
                    readAll(work.resolve("late"), LateEventJson::read), scan.records, versions,
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            deleteRecursively(work);
        }
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

    private record Scan(long records, long maxEventTime) {
    }

    /**
     * Reads the input once to learn how far its event time reaches, so that BATCH mode knows which deadlines the
     * input itself proves passed, exactly as the watermark tells STREAMING mode.
     */
    private Scan scan(List<Path> files) throws IOException {
        EventParser parser = new EventParser(config.settings().parserSettings());
        long records = 0;
        long max = Long.MIN_VALUE;
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    records++;
                    ParseOutcome o = parser.parse(line, f.toString(), null);
                    for (ContractEvent e : o.events()) {
                        max = Math.max(max, e.ts());
                    }
                }
            }
        }
        return new Scan(records, max);
    }
}
