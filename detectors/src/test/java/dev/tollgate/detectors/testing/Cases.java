package dev.tollgate.detectors.testing;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.rules.OrderCase;
import dev.tollgate.detectors.rules.VerdictEngine;
import dev.tollgate.detectors.verdict.Assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds order cases and assesses them against the bundled program policies. */
public final class Cases {
    public static final TollgateConfig CONFIG = new ConfigLoader().loadBundled();
    private static final VerdictEngine ENGINE = new VerdictEngine(CONFIG);

    private final List<OrderEvent> events = new ArrayList<>();
    private final List<SessionEvent> sessions = new ArrayList<>();
    private final List<OrderCase.ClickShare> shares = new ArrayList<>();
    private final List<ClickSignal> signals = new ArrayList<>();
    private ClickEvent click;
    private long horizon = Long.MIN_VALUE;
    private boolean exhausted;

    public static Cases of(OrderEvent... orderEvents) {
        Cases c = new Cases();
        c.events.addAll(List.of(orderEvents));
        return c;
    }

    public Cases with(ClickEvent c) {
        this.click = c;
        return this;
    }

    public Cases session(SessionEvent s) {
        sessions.add(s);
        return this;
    }

    public Cases share(String orderId, String placedAt) {
        shares.add(new OrderCase.ClickShare(orderId, Instant.parse(placedAt).toEpochMilli()));
        return this;
    }

    public Cases signal(ClickSignal s) {
        signals.add(s);
        return this;
    }

    public Cases horizon(String instant) {
        this.horizon = Instant.parse(instant).toEpochMilli();
        return this;
    }

    public Cases exhausted() {
        this.exhausted = true;
        return this;
    }

    public OrderCase build() {
        return new OrderCase(events.get(0).orderId(), List.copyOf(events), click, List.copyOf(sessions),
                List.copyOf(shares), List.copyOf(signals), horizon, exhausted);
    }

    public Assessment assess() {
        return ENGINE.assess(build());
    }
}
