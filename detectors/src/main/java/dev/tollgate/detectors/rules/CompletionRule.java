package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.ProgramPolicy.NotCompleted;

import java.time.Duration;

/**
 * NOT_COMPLETED: the order was cancelled, refunded or disputed (seed 003: "cancelled or refunded shall not be deemed as
 * a Qualified Purchase"; seed 004: "a dispute or refund removes the cashback"; seed 000: "you has not rejected the
 * product"), or it was completed too late after payment (seed 001: "must be less than 180 days"), or event time passed
 * that limit with no completion. An order the network itself invalidated as spam carries NETWORK_FRAUD_FLAG instead.
 */
public final class CompletionRule implements OrderRule {
    static final String DETECTOR = "terms.notCompleted";

    @Override
    public void evaluate(RuleContext ctx) {
        NotCompleted term = ctx.terms().notCompleted();
        OrderFacts order = ctx.order();
        if (!term.severity().enabled()) {
            return;
        }
        if (order.status().failed()) {
            if (!order.networkSpam()) {
                ctx.add(Finding.of(ReasonCode.NOT_COMPLETED, term.severity(), DETECTOR,
                        Evidence.of("status", order.status())));
            }
            return;
        }
        Duration limit = term.maxAfterPayment();
        Long paid = order.paidAt();
        if (limit == null || paid == null) {
            return;
        }
        long deadline = paid + limit.toMillis();
        Long completed = order.completedAt();
        if (completed != null) {
            if (completed >= deadline) {
                ctx.add(Finding.of(ReasonCode.NOT_COMPLETED, term.severity(), DETECTOR,
                        Evidence.of("why", "completed too late after payment").and("limit", limit)
                                .and("completedAfter", Duration.ofMillis(completed - paid))));
            }
            return;
        }
        if (term.requireCompleted()) {
            ctx.deadline(deadline);
            if (ctx.passed(deadline)) {
                ctx.add(Finding.of(ReasonCode.NOT_COMPLETED, term.severity(), DETECTOR,
                        Evidence.of("why", "not completed within the limit after payment").and("limit", limit)
                                .and("paidAt", Evidence.instant(paid))));
                ctx.closedAt(deadline);
            }
        }
    }
}
