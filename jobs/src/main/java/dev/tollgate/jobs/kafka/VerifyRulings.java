package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;
import dev.tollgate.detectors.parse.InputType;
import dev.tollgate.detectors.signing.RecordSignature;
import dev.tollgate.detectors.signing.SigningKeys;
import dev.tollgate.jobs.pipeline.MetricNames;
import dev.tollgate.jobs.pipeline.Outputs;
import dev.tollgate.jobs.pipeline.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets through an analyst's decision or a live control record only when it carries a valid signature
 * ({@link RecordSignature}) of a key this job holds; anything else on those two topics goes to the dead letters as
 * {@code UNAUTHENTICATED_DECISION} or {@code UNAUTHENTICATED_CONTROL} and changes nothing. Without keys every such
 * record is refused: write access to a topic is not the right to overrule the detectors. Event records pass as they
 * are.
 */
public final class VerifyRulings extends ProcessFunction<RawRecord, RawRecord> {
    public static final String UID = "verify-rulings";

    /** {@code null}: no key configured. */
    private final SigningKeys keys;
    private transient Counter decisions;
    private transient Counter controls;

    public VerifyRulings(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        decisions = group.addGroup(MetricNames.REASON, ErrorKind.UNAUTHENTICATED_DECISION.name())
                .counter(MetricNames.DEAD_LETTERS);
        controls = group.addGroup(MetricNames.REASON, ErrorKind.UNAUTHENTICATED_CONTROL.name())
                .counter(MetricNames.DEAD_LETTERS);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<RawRecord> out) {
        InputType type = raw.typeHint();
        if (type != InputType.DECISION && type != InputType.CONTROL) {
            out.collect(raw);
            return;
        }
        String refused = refusal(keys, raw);
        if (refused == null) {
            out.collect(raw);
            return;
        }
        boolean decision = type == InputType.DECISION;
        (decision ? decisions : controls).inc();
        ctx.output(Outputs.DEAD_LETTERS, new DeadLetter(raw.source(), String.valueOf(raw.value()),
                decision ? ErrorKind.UNAUTHENTICATED_DECISION : ErrorKind.UNAUTHENTICATED_CONTROL,
                (decision ? "decision" : "control record") + " refused: " + refused));
    }

    /** Why {@code raw} is refused, or {@code null} when its signature is valid. */
    static String refusal(SigningKeys keys, RawRecord raw) {
        if (keys == null) {
            return "this job holds no signing key (--signing-key-file or " + SigningKeys.ENVIRONMENT_VARIABLE
                    + "), so it accepts no decision or control record";
        }
        RecordSignature.Check check = RecordSignature.verify(keys, raw.value(), raw.signature());
        return check == RecordSignature.Check.VALID ? null : check.reason();
    }
}
