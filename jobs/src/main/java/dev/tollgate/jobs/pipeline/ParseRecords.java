package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.FutureTimestamps;
import dev.tollgate.detectors.parse.ParseOutcome;
import dev.tollgate.detectors.parse.ParserSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses raw records into contract events. A record that cannot be used, or that names a program with no policy, goes
 * to {@link Outputs#DEAD_LETTERS} with its reason and source, and is counted per reason; the job never stops for it.
 */
public final class ParseRecords extends ProcessFunction<RawRecord, Envelope> {
    /**
     * Records parsed in this JVM: lets a replay on the local MiniCluster show its progress (a metric serves a real
     * cluster).
     */
    public static final java.util.concurrent.atomic.AtomicLong PARSED_IN_THIS_JVM =
            new java.util.concurrent.atomic.AtomicLong();

    private final ParserSettings settings;
    private final Set<String> programs;
    private final FutureTimestamps future;
    private transient EventParser parser;
    private transient Map<String, Counter> eventsIn;
    private transient Map<ErrorKind, Counter> deadLetters;
    private transient Map<dev.tollgate.detectors.parse.InputType, Counter> recordsIn;
    private transient Counter mixedRecordsIn;

    /** @param future which event times are believed; the others go to the dead letters as FUTURE_TIMESTAMP */
    public ParseRecords(ParserSettings settings, Set<String> programs, FutureTimestamps future) {
        this.settings = settings;
        this.programs = Set.copyOf(programs);
        this.future = future;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new EventParser(settings);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        eventsIn = new HashMap<>();
        for (String kind : new String[] {"click", "order", "session", "decision"}) {
            eventsIn.put(kind, group.addGroup(MetricNames.TYPE, kind).counter(MetricNames.EVENTS_IN));
        }
        recordsIn = new EnumMap<>(dev.tollgate.detectors.parse.InputType.class);
        for (dev.tollgate.detectors.parse.InputType t : dev.tollgate.detectors.parse.InputType.values()) {
            recordsIn.put(t, group.addGroup(MetricNames.INPUT, t.name().toLowerCase(java.util.Locale.ROOT))
                    .counter(MetricNames.RECORDS_IN));
        }
        mixedRecordsIn = group.addGroup(MetricNames.INPUT, "mixed").counter(MetricNames.RECORDS_IN);
        deadLetters = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            deadLetters.put(kind, group.addGroup(MetricNames.REASON, kind.name()).counter(MetricNames.DEAD_LETTERS));
        }
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<Envelope> out) {
        PARSED_IN_THIS_JVM.incrementAndGet();
        (raw.typeHint() == null ? mixedRecordsIn : recordsIn.get(raw.typeHint())).inc();
        if (raw.refusedTime() != null) {
            dead(ctx, new DeadLetter(raw.source(), String.valueOf(raw.value()), ErrorKind.FUTURE_TIMESTAMP,
                    "record timestamp: " + raw.refusedTime()));
            return;
        }
        if (raw.typeHint() == dev.tollgate.detectors.parse.InputType.CONTROL) {
            try {
                LiveConfig.parse(raw.value());
                out.collect(Envelope.ofControl(raw.value(), System.currentTimeMillis()));
            } catch (Exception e) {
                dead(ctx, new DeadLetter(raw.source(), String.valueOf(raw.value()), ErrorKind.INVALID_CONTROL,
                        "not a control change {version, settings, programs}: " + e.getMessage().split("\n")[0]));
            }
            return;
        }
        ParseOutcome outcome = parser.parse(raw.value(), raw.source(), raw.typeHint(), raw.programHint());
        if (outcome.isDead()) {
            dead(ctx, outcome.deadLetter());
            return;
        }
        for (ContractEvent e : outcome.events()) {
            String program = e instanceof ClickEvent c ? c.program() : e instanceof OrderEvent o ? o.program() : null;
            if (program != null && !programs.contains(program)) {
                dead(ctx, new DeadLetter(raw.source(), raw.value(), ErrorKind.BAD_ENUM, "program '" + program
                        + "' has no policy (configured: " + String.join(", ", new java.util.TreeSet<>(programs)) + ")"));
                return;
            }
        }
        long newest = outcome.events().stream().mapToLong(ContractEvent::ts).max().orElse(Long.MIN_VALUE);
        long now = System.currentTimeMillis();
        String refused = future.refusal(newest, now);
        if (refused != null) {
            dead(ctx, new DeadLetter(raw.source(), raw.value(), ErrorKind.FUTURE_TIMESTAMP, refused));
            return;
        }
        for (ContractEvent e : outcome.events()) {
            Envelope env = Envelope.of(e, e.ts() < newest, now);
            eventsIn.get(env.kind()).inc();
            out.collect(env);
        }
    }

    private void dead(Context ctx, DeadLetter letter) {
        deadLetters.get(letter.kind()).inc();
        ctx.output(Outputs.DEAD_LETTERS, letter);
    }
}
