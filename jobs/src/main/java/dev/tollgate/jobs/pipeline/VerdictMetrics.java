package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Verdict metrics, registered under the names of {@link MetricNames}: verdict versions per program and decision,
 * reasons per program and reason code (the flag rate of each detector and rule), the verdict latency (wall-clock from
 * the arrival of the input that caused a verdict to its emission) as a histogram, and the control version in force.
 */
final class VerdictMetrics {
    private static final int LATENCY_WINDOW = 10_000;
    private final MetricGroup group;
    private final Map<String, ProgramCounters> byProgram = new HashMap<>();
    private final Histogram latency;
    private final Map<String, int[]> controlVersions = new HashMap<>();
    private int[] inForce;

    VerdictMetrics(MetricGroup group, Collection<String> programs) {
        this.group = group;
        for (String p : programs) {
            program(p);
        }
        latency = group.histogram(MetricNames.VERDICT_LATENCY, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        controlVersion(null);
    }

    /** One program's verdicts per decision and reasons per code. */
    private record ProgramCounters(Map<Decision, Counter> decisions, Map<ReasonCode, Counter> reasons) {
    }

    /** Counters of one program (a program added by a control change gets its own on its first verdict). */
    private ProgramCounters program(String p) {
        return byProgram.computeIfAbsent(p, k -> {
            MetricGroup g = group.addGroup(MetricNames.PROGRAM, k);
            Map<Decision, Counter> decisions = new EnumMap<>(Decision.class);
            for (Decision d : Decision.values()) {
                decisions.put(d, g.addGroup(MetricNames.DECISION, d.name()).counter(MetricNames.VERDICTS));
            }
            Map<ReasonCode, Counter> reasons = new EnumMap<>(ReasonCode.class);
            for (ReasonCode r : ReasonCode.values()) {
                reasons.put(r, g.addGroup(MetricNames.REASON, r.name()).counter(MetricNames.VERDICT_REASONS));
            }
            return new ProgramCounters(decisions, reasons);
        });
    }

    /** The live control change now in force ({@code null}: the base configuration, shown as version "base"). */
    void controlVersion(String version) {
        if (inForce != null) {
            inForce[0] = 0;
        }
        inForce = controlVersions.computeIfAbsent(version == null ? "base" : version, v -> {
            int[] cell = new int[1];
            group.addGroup(MetricNames.VERSION, v).gauge(MetricNames.CONTROL_VERSION, (Gauge<Integer>) () -> cell[0]);
            return cell;
        });
        inForce[0] = 1;
    }

    void emitted(Verdict v, long ingestedAt, long now) {
        ProgramCounters counters = program(v.program());
        counters.decisions().get(v.decision()).inc();
        for (Reason r : v.reasons()) {
            counters.reasons().get(ReasonCode.valueOf(r.code())).inc();
        }
        if (ingestedAt > 0) {
            latency.update(Math.max(0, now - ingestedAt));
        }
    }
}
