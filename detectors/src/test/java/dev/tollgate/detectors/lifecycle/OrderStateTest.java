package dev.tollgate.detectors.lifecycle;

import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.policy.Settings;
import dev.tollgate.detectors.rules.OrderCase;
import dev.tollgate.detectors.rules.OrderCase.ClickShare;
import dev.tollgate.detectors.testing.Cases;
import dev.tollgate.detectors.verdict.Assessment;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The verdict changelog's per-order bookkeeping, without Flink. */
class OrderStateTest {
    private static final Settings.Time TIME = Cases.CONFIG.settings().time();
    private static final long H = 3_600_000L;

    private static Assessment assessment(Decision d, Long closedAt, long... deadlines) {
        TreeSet<Long> set = new TreeSet<>();
        for (long x : deadlines) {
            set.add(x);
        }
        return new Assessment("o1", "aliexpress-portals", d, 0.0, List.of(), Money.of("10.00", "USD"), "p@1", 5L,
                false, closedAt, set);
    }

    @Test
    void mergesEvidenceOnceAndKeepsTheEarliestShare() {
        OrderState st = new OrderState();
        OrderEvent created = order("o1").build();
        assertThat(st.merge(null, click("c1").build(), null, null, null)).as("no order event yet").isFalse();
        assertThat(st.merge(created, null, null, null, null)).isTrue();
        assertThat(st.has(created)).isTrue();
        assertThat(st.merge(created, click("c1").build(), null, null, null)).as("a redelivery").isFalse();

        SessionEvent s = new SessionEvent("s1", 1L, "c1", SessionKind.TAB_SWITCHED, null);
        assertThat(st.merge(null, null, List.of(s), null, null)).isTrue();
        assertThat(st.merge(null, null, List.of(s), null, null)).isFalse();

        ClickSignal a = new ClickSignal("c1", "user:u1", 1L, List.of(), List.of());
        ClickSignal b = new ClickSignal("c1", "device:d1", 1L, List.of(), List.of());
        assertThat(st.merge(null, null, null, List.of(a, b), null)).isTrue();
        assertThat(st.merge(null, null, null, List.of(a), null)).isFalse();

        assertThat(st.merge(null, null, null, null, List.of(new ClickShare("o2", 50L)))).isTrue();
        assertThat(st.merge(null, null, null, null, List.of(new ClickShare("o2", 60L)))).as("later: no change")
                .isFalse();
        assertThat(st.merge(null, null, null, null, List.of(new ClickShare("o2", 40L)))).isTrue();

        OrderCase kase = st.toCase(false);
        assertThat(kase.orderId()).isEqualTo("o1");
        assertThat(kase.click().clickId()).isEqualTo("c1");
        assertThat(kase.signals()).extracting(ClickSignal::subject).containsExactly("device:d1", "user:u1");
        assertThat(kase.clickShares()).containsExactly(new ClickShare("o2", 40L));
        assertThat(kase.horizon()).isEqualTo(Long.MIN_VALUE);
        assertThat(st.isEmpty()).isFalse();
        assertThat(new OrderState().isEmpty()).isTrue();
    }

    @Test
    void timersAreKeptAscendingOnceEachAndPolledInOrder() {
        OrderState st = new OrderState();
        assertThat(st.addTimer(30)).isTrue();
        assertThat(st.addTimer(10)).isTrue();
        assertThat(st.addTimer(30)).isFalse();
        assertThat(st.timers).containsExactly(10L, 30L);
        assertThat(st.pollTimerDue(5)).isNull();
        assertThat(st.pollTimerDue(30)).isEqualTo(10L);
        assertThat(st.pollTimerDue(30)).isEqualTo(30L);
        assertThat(st.pollTimerDue(30)).isNull();
    }

    @Test
    void schedulesDeadlinesBeyondTheHorizonFinalityAndAnAgeLimitThatMovesWithNewerEvents() {
        OrderState st = new OrderState();
        st.merge(order("o1").at("2026-11-20T11:00:00Z").build(), null, null, null, null);
        long placed = st.events.values().iterator().next().ts();
        st.horizon = placed + H;
        OrderState.TimerChanges first = st.schedule(assessment(Decision.CREDIT, placed + 2 * H, placed, placed + 3 * H),
                TIME);
        long finalAt = placed + 2 * H + TIME.finalityDelay().toMillis();
        long cleanup = placed + TIME.maxOrderAge().toMillis();
        assertThat(first.register()).containsExactlyInAnyOrder(placed + 3 * H, finalAt, cleanup);
        assertThat(first.delete()).isEmpty();

        st.merge(order("o1").status(OrderStatus.PAID).at("2026-11-20T12:00:00Z").build(), null, null, null, null);
        OrderState.TimerChanges second = st.schedule(assessment(Decision.CREDIT, placed + 2 * H, placed + 3 * H),
                TIME);
        assertThat(second.register()).containsExactly(cleanup + H);
        assertThat(second.delete()).containsExactly(cleanup);
        assertThat(st.timers).containsExactly(finalAt, placed + 3 * H, cleanup + H);
    }

    @Test
    void isFinalOnceClosedForTheFinalityDelayWhenTheInputEndsOrWhenTooOld() {
        OrderState st = new OrderState();
        long closed = 1_000 * H;
        Assessment a = assessment(Decision.CREDIT, closed);
        st.horizon = closed + TIME.finalityDelay().toMillis() - 1;
        assertThat(st.isFinal(a, st.horizon, false, TIME)).isFalse();
        assertThat(st.isFinal(a, st.horizon, true, TIME)).as("input ended").isTrue();
        st.horizon = closed + TIME.finalityDelay().toMillis();
        assertThat(st.isFinal(a, st.horizon, false, TIME)).isTrue();

        Assessment open = assessment(Decision.REVIEW, null);
        st.cleanupAt = 5 * H;
        assertThat(st.isFinal(open, 5 * H - 1, false, TIME)).isFalse();
        assertThat(st.isFinal(open, 5 * H, false, TIME)).as("too old").isTrue();
        assertThat(st.isFinal(open, 5 * H, true, TIME)).as("an open order is never final at the end").isFalse();
    }

    @Test
    void aNewVersionOnlyWhenTheOutcomeChangesAndAnAnalystRulingIsFinal() {
        OrderState st = new OrderState();
        Verdict v1 = st.nextVersion(assessment(Decision.REVIEW, null), false, 100);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(st.nextVersion(assessment(Decision.REVIEW, null), false, 200)).as("same outcome").isNull();
        Verdict v2 = st.nextVersion(assessment(Decision.REVIEW, null), true, 300);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.fin()).isTrue();
        assertThat(st.last).isEqualTo(v2);

        AnalystDecision ruling = new AnalystDecision("o1", "CREDIT", "ana", "checked", 9L);
        Verdict ruled = OrderState.overrule(v2, ruling, 3, 400);
        assertThat(ruled.decision()).isEqualTo(Decision.CREDIT);
        assertThat(ruled.fin()).isTrue();
        assertThat(ruled.decidedBy()).isEqualTo("ana");
        assertThat(ruled.eventTime()).isEqualTo(Math.max(v2.eventTime(), 9L));
        assertThat(ruled.version()).isEqualTo(3);
        assertThat(Duration.ofMillis(ruled.decidedAt())).isEqualTo(Duration.ofMillis(400));
    }
}
