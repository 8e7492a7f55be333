package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.fraud.DetectorSettings;
import dev.tollgate.detectors.fraud.FraudReference;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.policy.ProgramPolicy;
import dev.tollgate.detectors.policy.Settings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a rule reads (the case, the order's facts, the program's policy, the settings) and what it writes: findings,
 * the eligible amount, the event-time deadlines at which the verdict could change by itself, and whether the verdict
 * must wait for a click that has not arrived yet.
 */
public final class RuleContext {
    private final OrderCase kase;
    private final OrderFacts order;
    private final ProgramPolicy policy;
    private final Settings settings;
    private final FraudReference reference;
    private final List<Finding> findings = new ArrayList<>();
    private final TreeSet<Long> deadlines = new TreeSet<>();
    private Money eligibleAmount;
    private List<Item> eligibleItems;
    private boolean awaitingClick;
    private Long closedByDeadline;

    RuleContext(OrderCase kase, OrderFacts order, ProgramPolicy policy, Settings settings, FraudReference reference) {
        this.kase = kase;
        this.order = order;
        this.policy = policy;
        this.settings = settings;
        this.reference = reference;
        this.eligibleAmount = order.amount();
        this.eligibleItems = order.items() == null ? List.of() : order.items();
    }

    public OrderCase kase() {
        return kase;
    }

    public OrderFacts order() {
        return order;
    }

    public ClickEvent click() {
        return kase.click();
    }

    public ProgramPolicy policy() {
        return policy;
    }

    public ProgramPolicy.Terms terms() {
        return policy.terms();
    }

    public Settings settings() {
        return settings;
    }

    public DetectorSettings detectors() {
        return settings.detectors();
    }

    public FraudReference reference() {
        return reference;
    }

    /** Adds a detector finding at the severity the order's program gives its code. */
    public void detect(ReasonCode code, String detector, Evidence evidence) {
        add(Finding.of(code, policy.detectorSeverity(code.name()), detector, evidence));
    }

    /** The deadline has passed in event time (known from the horizon). */
    public boolean passed(long deadline) {
        return kase.horizon() >= deadline;
    }

    public void add(Finding f) {
        if (f.severity().enabled()) {
            findings.add(f);
        }
    }

    /** Asks to be re-assessed when event time reaches {@code deadline}. */
    public void deadline(long deadline) {
        deadlines.add(deadline);
    }

    /** The order stopped being able to qualify when event time passed {@code at}, though it has no terminal status. */
    public void closedAt(long at) {
        closedByDeadline = closedByDeadline == null ? at : Math.min(closedByDeadline, at);
    }

    public void awaitClick() {
        awaitingClick = true;
    }

    public Money eligibleAmount() {
        return eligibleAmount;
    }

    public void eligibleAmount(Money m) {
        this.eligibleAmount = m;
    }

    /** The order's items still eligible after item-level exclusions (all of them until a rule removes some). */
    public List<Item> eligibleItems() {
        return eligibleItems;
    }

    public void eligibleItems(List<Item> items) {
        this.eligibleItems = List.copyOf(items);
    }

    List<Finding> findings() {
        return findings;
    }

    TreeSet<Long> deadlines() {
        return deadlines;
    }

    boolean awaitingClick() {
        return awaitingClick;
    }

    Long closedByDeadline() {
        return closedByDeadline;
    }

    /** Converts through the reference USD rates; {@code null} when a rate is missing. */
    public Money convert(Money m, String currency) {
        if (m.currency().equals(currency)) {
            return m;
        }
        BigDecimal from = settings.usdRates().get(m.currency());
        BigDecimal to = settings.usdRates().get(currency);
        if (from == null || to == null) {
            return null;
        }
        return new Money(m.value().multiply(from).divide(to, MathContext.DECIMAL64), currency);
    }
}
