package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.FutureTimestamps;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The Tollgate topology, independent of where records come from and where verdicts go: replay (files, BATCH or
 * STREAMING), the Kafka job and the tests all call {@link #build}.
 *
 * <pre>
 * raw records ─ parse+validate ─┬─ dead letters
 *                               └─ events ─ watermarks ─ late tagger ─┬─ late events
 *                                                                      ├─ control changes ─ broadcast to the three
 *                                                                      │  keyed operators below (LiveConfig)
 *                                                                      ├─ click ─ keyBy user/device/IP: ClickTrail
 *                                                                      │             └─ click signals ─┐
 *                                                                      ├─ click / session / order with clickId
 *                                                                      │    └─ keyBy clickId: AttributionJoin ─┐
 *                                                                      │    └─ delays ─ keyBy program:          │
 *                                                                      │       PublisherDelays (KS test) ───────┤
 *                                                                      └─ order without clickId ───────────────┤
 *                                                    keyBy orderId: VerdictChangelog ◄── OrderUpdate ◄─────────┘
 *                                                                      └─ verdicts (changelog, versioned)
 * </pre>
 */
public final class TollgatePipeline {
    private TollgatePipeline() {
    }

    /** Event time a file replay advances by before it sends the next watermark (see {@link PayloadWatermarks}). */
    static final java.time.Duration WATERMARK_STEP = java.time.Duration.ofSeconds(1);

    /** What the topology produces; the caller attaches sinks. */
    public record Streams(DataStream<Verdict> verdicts, DataStream<DeadLetter> deadLetters,
                          DataStream<LateEvent> lateEvents) {
    }

    /**
     * @param inputHorizon see {@link VerdictChangelog}; {@link Long#MIN_VALUE} for unbounded input
     * @param clock wall clock for {@code decidedAt}
     */
    /** Where event time comes from. */
    public enum EventTime {
        /** Watermarks from the parsed events' own timestamps, at reproducible points (files: one ordered stream). */
        FROM_PAYLOAD,
        /**
         * Watermarks made by the source per partition from record timestamps that carry event time (Kafka): a
         * lagging partition holds event time back instead of making the others look late.
         */
        FROM_SOURCE
    }

    /** @param future which event times are believed (the others are FUTURE_TIMESTAMP dead letters) */
    public static Streams build(DataStream<RawRecord> raw, TollgateConfig config, long inputHorizon, Clock clock,
                                EventTime eventTime, FutureTimestamps future) {
        Parsed in = parse(raw, config, eventTime, future);
        return withParseOutputs(in, score(in, config, inputHorizon, clock, batch(raw), ""));
    }

    /**
     * One parse of the input, scored under each of several configurations side by side in the same job (a sweep):
     * parsing, validation and watermarks run once, the detectors and the verdict changelog once per configuration.
     * The configurations may differ only in what the scoring reads (detector settings, terms, severities); parsing
     * and event time must be the same, or this fails naming the difference.
     *
     * @return per configuration, in order, its verdicts; dead letters and late events of the shared parse are in the
     *     first
     */
    public static List<Streams> buildVariants(DataStream<RawRecord> raw, List<TollgateConfig> configs,
                                              long inputHorizon, FutureTimestamps future, Clock clock) {
        TollgateConfig first = configs.get(0);
        for (TollgateConfig c : configs) {
            if (!c.settings().parserSettings().equals(first.settings().parserSettings())
                    || !c.programIds().equals(first.programIds())
                    || !c.settings().time().outOfOrderness().equals(first.settings().time().outOfOrderness())) {
                throw new IllegalArgumentException("configurations scored side by side must parse alike (same "
                        + "parser settings, programs and out-of-orderness); sweep detector settings and terms only");
            }
        }
        Parsed in = parse(raw, first, EventTime.FROM_PAYLOAD, future);
        List<Streams> out = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            Streams scored = score(in, configs.get(i), inputHorizon, clock, batch(raw), variantSuffix(i));
            out.add(i == 0 ? withParseOutputs(in, scored) : scored);
        }
        return out;
    }

    /** What tells the operators (and sinks) of variant {@code i} apart: nothing for the first, {@code @i} after. */
    public static String variantSuffix(int i) {
        return i == 0 ? "" : "@" + i;
    }

    private static Streams withParseOutputs(Parsed in, Streams scored) {
        return new Streams(scored.verdicts(), in.deadLetters().union(scored.deadLetters()),
                in.lateEvents().union(scored.lateEvents()));
    }

    private static boolean batch(DataStream<?> raw) {
        return raw.getExecutionEnvironment().getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
                == RuntimeExecutionMode.BATCH;
    }

    /** Parsed, timed events; their dead letters and late arrivals; the control changes as a broadcast. */
    private record Parsed(DataStream<Envelope> events, BroadcastStream<String> control,
                          DataStream<DeadLetter> deadLetters, DataStream<LateEvent> lateEvents) {
    }

    private static Parsed parse(DataStream<RawRecord> raw, TollgateConfig config, EventTime eventTime,
                                FutureTimestamps future) {
        SingleOutputStreamOperator<Envelope> parsed = raw
                .process(new ParseRecords(config.settings().parserSettings(), config.programIds(), future))
                .uid("parse").name("parse and validate");

        DataStream<Envelope> timed = eventTime == EventTime.FROM_SOURCE ? parsed : parsed
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Envelope>forGenerator(c -> new PayloadWatermarks(config.settings().time().outOfOrderness(),
                                WATERMARK_STEP))
                        .withTimestampAssigner((e, previous) -> e.ts()))
                .uid("watermarks").name("event-time watermarks");
        SingleOutputStreamOperator<Envelope> events = timed
                .process(new LateEventTagger())
                .uid("late-tagger").name("tag late events");

        return new Parsed(events, events.getSideOutput(Outputs.CONTROL).broadcast(LiveConfig.STATE),
                parsed.getSideOutput(Outputs.DEAD_LETTERS), events.getSideOutput(Outputs.LATE_EVENTS));
    }

    /** The detectors and the verdict changelog under one configuration; {@code uid} tells variants apart. */
    private static Streams score(Parsed in, TollgateConfig config, long inputHorizon, Clock clock, boolean batch,
                                 String uid) {
        DataStream<Envelope> events = in.events();
        BroadcastStream<String> control = in.control();
        DataStream<Envelope> signals = events
                .filter(e -> e.click() != null).uid("clicks" + uid).name("clicks")
                .flatMap(new ClickSubjects()).uid("click-subjects" + uid).name("file clicks by user, device and IP")
                .keyBy(SubjectClick::subject)
                .connect(control)
                .process(new ClickTrail(config)).uid(ClickTrail.UID + uid).name("click trails by subject");

        SingleOutputStreamOperator<OrderUpdate> joined = events
                .filter(e -> e.clickKey() != null).uid("with-click" + uid).name("events naming a click")
                .union(signals)
                .keyBy(Envelope::clickKey)
                .process(new AttributionJoin(config)).uid(AttributionJoin.UID + uid)
                .name("attribution join by clickId");

        DataStream<OrderUpdate> unattributed = events
                .filter(e -> e.order() != null && e.order().clickId() == null)
                .uid("without-click" + uid).name("orders naming no click")
                .map(e -> OrderUpdate.of(e.order(), e.ingestedAt()))
                .uid("unattributed-update" + uid).name("unattributed order updates");

        DataStream<OrderUpdate> publisherFlags = joined.getSideOutput(Outputs.DELAY_SAMPLES)
                .keyBy(DelaySample::program)
                .connect(control)
                .process(new PublisherDelays(config)).uid(PublisherDelays.UID + uid)
                .name("publisher delay profiles");

        DataStream<OrderUpdate> decisions = events
                .filter(e -> e.decision() != null).uid("decisions" + uid).name("analyst decisions")
                .map(e -> OrderUpdate.of(e.decision(), e.ingestedAt()))
                .uid("decision-update" + uid).name("analyst decision updates");

        SingleOutputStreamOperator<Verdict> verdicts = joined.union(unattributed, publisherFlags, decisions)
                .keyBy(OrderUpdate::orderId)
                .connect(control)
                .process(new VerdictChangelog(config, inputHorizon, clock, batch))
                .uid(VerdictChangelog.UID + uid).name("verdict changelog by orderId");

        return new Streams(verdicts, verdicts.getSideOutput(Outputs.DEAD_LETTERS),
                verdicts.getSideOutput(Outputs.LATE_EVENTS));
    }
}
