package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.Severity;

/**
 * One reason of a verdict: a code, how it counts, which detector or term found it, and what it saw (a JSON object).
 */
public record Finding(ReasonCode code, Severity severity, String detector, String evidence)
        implements Comparable<Finding> {

    public static Finding of(ReasonCode code, Severity severity, String detector, Evidence evidence) {
        return new Finding(code, severity, detector, evidence.json());
    }

    @Override
    public int compareTo(Finding o) {
        int c = code.compareTo(o.code);
        if (c != 0) {
            return c;
        }
        c = detector.compareTo(o.detector);
        return c != 0 ? c : evidence.compareTo(o.evidence);
    }
}
