package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Clock;

/**
 * The Tollgate topology, independent of where records come from and where verdicts go: replay (files, BATCH or
 * STREAMING), the Kafka job and the tests all call {@link #build}.
 *
 * <pre>
 * raw records ─ parse+validate ─┬─ dead letters
 *                               └─ events ─ watermarks ─ late tagger ─┬─ late events
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

    public static Streams build(DataStream<RawRecord> raw, TollgateConfig config, long inputHorizon, Clock clock) {
        return build(raw, config, inputHorizon, clock, EventTime.FROM_PAYLOAD);
    }

    public static Streams build(DataStream<RawRecord> raw, TollgateConfig config, long inputHorizon, Clock clock,
                                EventTime eventTime) {
        SingleOutputStreamOperator<Envelope> parsed = raw
                .process(new ParseRecords(config.settings().parserSettings(), config.programIds()))
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

        BroadcastStream<String> control = events.getSideOutput(Outputs.CONTROL).broadcast(LiveConfig.STATE);
        DataStream<Envelope> signals = events
                .filter(e -> e.click() != null).uid("clicks").name("clicks")
                .flatMap(new ClickSubjects()).uid("click-subjects").name("file clicks by user, device and IP")
                .keyBy(SubjectClick::subject)
                .connect(control)
                .process(new ClickTrail(config)).uid(ClickTrail.UID).name("click trails by subject");

        SingleOutputStreamOperator<OrderUpdate> joined = events
                .filter(e -> e.clickKey() != null).uid("with-click").name("events naming a click")
                .union(signals)
                .keyBy(Envelope::clickKey)
                .process(new AttributionJoin(config)).uid(AttributionJoin.UID).name("attribution join by clickId");

        DataStream<OrderUpdate> unattributed = events
                .filter(e -> e.order() != null && e.order().clickId() == null)
                .uid("without-click").name("orders naming no click")
                .map(e -> OrderUpdate.of(e.order(), e.ingestedAt()))
                .uid("unattributed-update").name("unattributed order updates");

        DataStream<OrderUpdate> publisherFlags = joined.getSideOutput(Outputs.DELAY_SAMPLES)
                .keyBy(DelaySample::program)
                .connect(control)
                .process(new PublisherDelays(config)).uid(PublisherDelays.UID).name("publisher delay profiles");

        DataStream<OrderUpdate> decisions = events
                .filter(e -> e.decision() != null).uid("decisions").name("analyst decisions")
                .map(e -> OrderUpdate.of(e.decision(), e.ingestedAt()))
                .uid("decision-update").name("analyst decision updates");

        SingleOutputStreamOperator<Verdict> verdicts = joined.union(unattributed, publisherFlags, decisions)
                .keyBy(OrderUpdate::orderId)
                .connect(control)
                .process(new VerdictChangelog(config, inputHorizon, clock, raw.getExecutionEnvironment()
                        .getConfiguration().get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH))
                .uid(VerdictChangelog.UID).name("verdict changelog by orderId");

        DataStream<LateEvent> late = events.getSideOutput(Outputs.LATE_EVENTS)
                .union(verdicts.getSideOutput(Outputs.LATE_EVENTS));
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(Outputs.DEAD_LETTERS)
                .union(verdicts.getSideOutput(Outputs.DEAD_LETTERS));
        return new Streams(verdicts, deadLetters, late);
    }
}
