package dev.tollgate.detectors.verdict;

import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.rules.Finding;

import java.util.List;
import java.util.NavigableSet;

/**
 * What the rules concluded about an order at one moment, before versioning.
 *
 * @param awaitingClick the order names a click not seen yet and its grace period is open: hold the verdict
 * @param closedAt event time from which nothing but late data can change the order (its terminal status, or a
 *     deadline that excluded it for good); {@code null} while the order is open
 * @param deadlines event times at which the assessment could change by itself (windows and limits closing)
 */
public record Assessment(
        String orderId,
        String program,
        Decision decision,
        double score,
        List<Finding> findings,
        Money eligibleAmount,
        String policyVersion,
        long eventTime,
        boolean awaitingClick,
        Long closedAt,
        NavigableSet<Long> deadlines) {

    public Verdict toVerdict(boolean fin, int version, long decidedAt) {
        List<Reason> reasons = findings.stream()
                .map(f -> new Reason(f.code().name(), f.severity().wire(), f.detector(), f.evidence()))
                .toList();
        return new Verdict(orderId, program, decision, fin, version, score, reasons,
                eligibleAmount == null ? null : eligibleAmount.rounded(), eventTime, decidedAt, policyVersion, null);
    }
}
