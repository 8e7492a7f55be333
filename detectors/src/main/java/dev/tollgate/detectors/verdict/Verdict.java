package dev.tollgate.detectors.verdict;

import dev.tollgate.detectors.model.Money;

import java.util.List;

/**
 * The analyzer's output for one order (EVENTS.md {@code verdict}). {@code version} increases by one on every change;
 * {@code decidedBy} is set when an analyst's ruling made the verdict (an optional addition to the contract).
 */
public record Verdict(
        String orderId,
        String program,
        Decision decision,
        boolean fin,
        int version,
        double score,
        List<Reason> reasons,
        Money eligibleAmount,
        long eventTime,
        long decidedAt,
        String policyVersion,
        String decidedBy) {

    /** Same outcome as {@code other}, ignoring version and times: whether a new version is owed. */
    public boolean sameOutcome(Verdict other) {
        return other != null
                && decision == other.decision
                && fin == other.fin
                && Double.compare(score, other.score) == 0
                && reasons.equals(other.reasons)
                && java.util.Objects.equals(eligibleAmount, other.eligibleAmount)
                && java.util.Objects.equals(policyVersion, other.policyVersion)
                && java.util.Objects.equals(decidedBy, other.decidedBy);
    }
}
