package dev.tollgate.benchmarks;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer;
import dev.tollgate.detectors.fraud.PublisherDelayProfile;
import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;
import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.rules.OrderCase;
import dev.tollgate.detectors.rules.VerdictEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The plain-Java paths every record or order goes through, one operation per call (a line parsed, an order assessed,
 * a click's trail signal, a program's delay profile evaluated). Run with
 * {@code java -jar benchmarks/target/benchmarks.jar} from the repository root; see BENCHMARKS.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmarks {

    /** Lines, cases and trails prepared once per fork. */
    @State(Scope.Benchmark)
    public static class Input {
        List<String> lines;
        List<OrderCase> cases;
        List<List<TrailClick>> trails;
        EventParser parser;
        VerdictEngine engine;
        ClickTrailAnalyzer analyzer;
        int next;

        @Setup
        public void setUp() {
            Traffic traffic = new Traffic();
            lines = traffic.lines;
            cases = traffic.orderCases();
            parser = new EventParser(Traffic.CONFIG.settings().parserSettings());
            engine = new VerdictEngine(Traffic.CONFIG);
            analyzer = new ClickTrailAnalyzer(Traffic.CONFIG.settings().detectors(), 30L * 24 * 3_600_000);
            Map<String, List<TrailClick>> byDevice = new HashMap<>();
            for (ContractEvent e : traffic.events) {
                if (e instanceof ClickEvent c && c.deviceId() != null) {
                    byDevice.computeIfAbsent(c.deviceId(), k -> new ArrayList<>()).add(TrailClick.of(c));
                }
            }
            trails = new ArrayList<>();
            for (List<TrailClick> t : byDevice.values()) {
                t.sort(Comparator.comparingLong(TrailClick::ts).thenComparing(TrailClick::clickId));
                trails.add(t);
            }
        }

        int next(int size) {
            next = next + 1 >= size ? 0 : next + 1;
            return next;
        }
    }

    @Benchmark
    public void parseLine(Input in, Blackhole bh) {
        bh.consume(in.parser.parse(in.lines.get(in.next(in.lines.size())), "bench", null));
    }

    @Benchmark
    public void assessOrder(Input in, Blackhole bh) {
        bh.consume(in.engine.assess(in.cases.get(in.next(in.cases.size()))));
    }

    @Benchmark
    public void deviceTrailSignalOfNewestClick(Input in, Blackhole bh) {
        List<TrailClick> trail = in.trails.get(in.next(in.trails.size()));
        bh.consume(in.analyzer.signal(ClickTrailAnalyzer.Kind.DEVICE, "device:bench", trail, trail.size() - 1));
    }

    /** One program: {@code publishers} publishers, each at the sample cap, one of them slow (a cookie stuffer). */
    @State(Scope.Benchmark)
    public static class Program {
        @Param({"10", "50"})
        int publishers;
        Map<String, List<Sample>> byPublisher;
        PublisherDelayProfile profile;

        @Setup
        public void setUp() {
            Random rnd = new Random(7);
            byPublisher = new HashMap<>();
            for (int p = 0; p < publishers; p++) {
                List<Sample> samples = new ArrayList<>();
                long slow = p == 0 ? 40 : 1;
                for (int i = 0; i < PublisherDelayProfile.MAX_SAMPLES_PER_PUBLISHER; i++) {
                    long delay = (long) (rnd.nextDouble() * 3_600_000L * slow) + 60_000;
                    samples.add(new Sample("o" + p + "-" + i, "c" + p + "-" + i, "pub" + p, i * 60_000L, delay));
                }
                byPublisher.put("pub" + p, samples);
            }
            profile = new PublisherDelayProfile(Traffic.CONFIG.settings().detectors().cookieStuffing());
        }
    }

    @Benchmark
    public void evaluateProgramDelayProfile(Program program, Blackhole bh) {
        bh.consume(program.profile.evaluate(program.byPublisher));
    }
}
