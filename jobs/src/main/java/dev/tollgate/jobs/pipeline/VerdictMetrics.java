package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * Verdict metrics, registered under the names of {@link MetricNames}: verdicts per decision and per reason code, and
 * the verdict latency (wall-clock from the arrival of the input that caused a verdict to its emission) as a histogram.
 */
final class VerdictMetrics {
    private static final int LATENCY_WINDOW = 10_000;
    private final Map<Decision, Counter> byDecision = new EnumMap<>(Decision.class);
    private final Map<ReasonCode, Counter> byReason = new EnumMap<>(ReasonCode.class);
    private final Histogram latency;

    VerdictMetrics(MetricGroup group) {
        for (Decision d : Decision.values()) {
            byDecision.put(d, group.addGroup("decision", d.name()).counter(MetricNames.VERDICTS));
        }
        for (ReasonCode r : ReasonCode.values()) {
            byReason.put(r, group.addGroup("reason", r.name()).counter(MetricNames.VERDICT_REASONS));
        }
        latency = group.histogram(MetricNames.VERDICT_LATENCY, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    }

    void emitted(Verdict v, long ingestedAt, long now) {
        byDecision.get(v.decision()).inc();
        for (Reason r : v.reasons()) {
            byReason.get(ReasonCode.valueOf(r.code())).inc();
        }
        if (ingestedAt > 0) {
            latency.update(Math.max(0, now - ingestedAt));
        }
    }
}
