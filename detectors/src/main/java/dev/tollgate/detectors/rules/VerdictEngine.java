package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.fraud.BotDetector;
import dev.tollgate.detectors.fraud.BrandBiddingDetector;
import dev.tollgate.detectors.fraud.ClickHijackDetector;
import dev.tollgate.detectors.fraud.CookieStuffingDetector;
import dev.tollgate.detectors.fraud.DeviceSwitchDetector;
import dev.tollgate.detectors.fraud.FraudReference;
import dev.tollgate.detectors.fraud.PopupDetector;
import dev.tollgate.detectors.fraud.TrailFindingsRule;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.policy.ProgramPolicy;
import dev.tollgate.detectors.policy.Severity;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Assessment;
import dev.tollgate.detectors.verdict.Decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Applies a program's terms and the fraud detectors to an order and derives the decision from the reasons alone: any {@code exclude} finding
 * excludes, else any {@code review} holds for review, else the order is credited. {@code info} and {@code shadow}
 * findings are recorded and never change the decision. Pure: the same case always gives the same assessment.
 */
public final class VerdictEngine {
    private static final double EXCLUDE_WEIGHT = 0.9;
    private static final double REVIEW_WEIGHT = 0.6;

    /**
     * Order matters: item exclusions, then the service fee, reduce the eligible amount before the commission cap looks
     * at it.
     */
    private final List<OrderRule> rules = List.of(
            new QualifyingClickRule(),
            new AttributionWindowRule(),
            new OrderLimitRule(),
            new EligibleItemsRule(),
            new ServiceFeeRule(),
            new CommissionCapRule(),
            new ChannelRule(),
            new PromoCodeRule(),
            new CompletionRule(),
            new CurrencyRule(),
            new NetworkFraudFlagRule(),
            new TrackingBlockedRule(),
            new SanctionedOriginRule(),
            new SessionInterruptedRule(),
            new CookieStuffingDetector(),
            new ClickHijackDetector(),
            new PopupDetector(),
            new BotDetector(),
            new DeviceSwitchDetector(),
            new BrandBiddingDetector(),
            new TrailFindingsRule());
    private final TollgateConfig config;
    private final FraudReference reference;

    /** Loads the detectors' reference data (agent patterns, IP ranges): create one engine per operator instance. */
    public VerdictEngine(TollgateConfig config) {
        this.config = config;
        this.reference = new FraudReference(config.settings().detectors(), config.evidenceKey());
    }

    public Assessment assess(OrderCase kase) {
        OrderFacts order = new OrderFacts(kase.events());
        ProgramPolicy policy = config.program(order.program());
        if (policy == null) {
            throw new IllegalArgumentException("order " + order.orderId() + " names unknown program "
                    + order.program());
        }
        RuleContext ctx = new RuleContext(kase, order, policy, config.settings(), reference);
        for (OrderRule rule : rules) {
            rule.evaluate(ctx);
        }
        List<Finding> findings = new ArrayList<>(ctx.findings());
        Collections.sort(findings);
        Long closedAt = order.terminalAt();
        if (closedAt != null && !order.status().failed()) {
            // A completed order can still be refunded or disputed: it closes when the program's refund window does.
            long refundWindowEnds = order.completedAt() + policy.terms().notCompleted().refundWindow().toMillis();
            closedAt = Math.max(closedAt, refundWindowEnds);
        }
        if (ctx.closedByDeadline() != null) {
            closedAt = closedAt == null ? ctx.closedByDeadline() : Math.min(closedAt, ctx.closedByDeadline());
        }
        return new Assessment(order.orderId(), order.program(), decide(findings), score(findings), List.copyOf(findings),
                ctx.eligibleAmount(), config.policyVersion(order.program()), eventTime(kase, order),
                ctx.awaitingClick(), closedAt, Collections.unmodifiableNavigableSet(ctx.deadlines()));
    }

    static Decision decide(List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.severity() == Severity.EXCLUDE)) {
            return Decision.EXCLUDE;
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.REVIEW)) {
            return Decision.REVIEW;
        }
        return Decision.CREDIT;
    }

    /**
     * How strongly the evidence points to fraud: fraud-family findings and the network's own fraud flag combine as
     * independent signals ({@code 1 - prod(1 - w)}); program-term findings say nothing about fraud and weigh 0.
     */
    static double score(List<Finding> findings) {
        double clean = 1.0;
        for (Finding f : findings) {
            boolean fraud = f.code().fraudFamily() || f.code() == ReasonCode.NETWORK_FRAUD_FLAG;
            if (!fraud) {
                continue;
            }
            double w = f.severity() == Severity.EXCLUDE ? EXCLUDE_WEIGHT
                    : f.severity() == Severity.REVIEW ? REVIEW_WEIGHT : 0.0;
            clean *= 1.0 - w;
        }
        return Math.round((1.0 - clean) * 1000.0) / 1000.0;
    }

    private static long eventTime(OrderCase kase, OrderFacts order) {
        long t = order.newestTs();
        ClickEvent click = kase.click();
        if (click != null) {
            t = Math.max(t, click.ts());
        }
        for (SessionEvent s : kase.sessions()) {
            t = Math.max(t, s.ts());
        }
        for (ClickSignal s : kase.signals()) {
            t = Math.max(t, s.ts());
        }
        return t;
    }
}
