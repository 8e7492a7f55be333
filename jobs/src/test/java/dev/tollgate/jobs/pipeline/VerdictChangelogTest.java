package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.testing.Cases;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives the verdict changelog with explicit watermarks and checks its output, its state and its timers. */
class VerdictChangelogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private KeyedBroadcastOperatorTestHarness<String, OrderUpdate, String, Verdict> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new VerdictChangelog(Cases.CONFIG, Long.MIN_VALUE, CLOCK), OrderUpdate::orderId, Types.STRING,
                LiveConfig.STATE);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static long t(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private void send(OrderEvent e, Object click) throws Exception {
        harness.processElement(new StreamRecord<>(OrderUpdate.joined(e.orderId(), e,
                (dev.tollgate.detectors.model.ClickEvent) click, List.of(), null, null, 0L), e.ts()));
    }

    private List<Verdict> verdicts() {
        return harness.extractOutputValues();
    }

    private static List<String> codes(Verdict v) {
        return v.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void emitsOnChangeOnlyAndBecomesFinalAfterTheFinalityDelayThenClearsState() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(order("o1").at("2026-11-20T11:00:00Z").build(), c);
        send(order("o1").status(OrderStatus.PAID).at("2026-11-20T11:01:00Z").build(), c);
        send(order("o1").status(OrderStatus.COMPLETED).at("2026-11-26T11:00:00Z").build(), c);
        // one verdict: paid and completed changed nothing about the outcome
        assertThat(verdicts()).hasSize(1);
        assertThat(verdicts().get(0).decision()).isEqualTo(Decision.CREDIT);
        assertThat(verdicts().get(0).fin()).isFalse();

        // completed on 11-26: a refund may still come within the 30-day refund window, then 5 minutes of lateness
        harness.watermark(t("2026-12-26T11:04:59Z"));
        assertThat(verdicts()).hasSize(1);
        harness.watermark(t("2026-12-26T11:05:00Z"));
        assertThat(verdicts()).hasSize(2);
        Verdict fin = verdicts().get(1);
        assertThat(fin.fin()).isTrue();
        assertThat(fin.version()).isEqualTo(2);
        assertThat(fin.decidedAt()).isEqualTo(CLOCK.millis());

        // only the tombstone (final version, and its timer's bookkeeping entry) remains, then nothing
        assertThat(KeyedStateEntries.of(harness)).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.watermark(t("2027-01-02T11:05:00Z"));
        assertThat(KeyedStateEntries.of(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        var created = order("o1").at("2026-11-20T11:00:00Z").build();
        send(created, c);
        send(created, c);
        assertThat(verdicts()).hasSize(1);
    }

    @Test
    void holdsAnOrderForItsClickThenExcludesAndRevisesWhenTheClickComesLate() throws Exception {
        send(order("o1").at("2026-11-20T11:00:00Z").build(), null);
        assertThat(verdicts()).isEmpty();

        harness.watermark(t("2026-11-20T11:10:00Z"));
        assertThat(verdicts()).hasSize(1);
        assertThat(codes(verdicts().get(0))).containsExactly("NO_QUALIFYING_CLICK");

        var c = click("c1").at("2026-11-20T10:50:00Z").build();
        harness.processElement(new StreamRecord<>(OrderUpdate.joined("o1", null, c, List.of(), null, null, 0L), c.ts()));
        assertThat(verdicts()).hasSize(2);
        assertThat(verdicts().get(1).decision()).isEqualTo(Decision.CREDIT);
        assertThat(verdicts().get(1).version()).isEqualTo(2);
    }

    @Test
    void aRefundWithinTheRefundWindowAfterCompletionStillExcludes() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(order("o1").at("2026-11-20T11:00:00Z").build(), c);
        send(order("o1").status(OrderStatus.COMPLETED).at("2026-11-26T11:00:00Z").build(), c);
        harness.watermark(t("2026-12-10T00:00:00Z"));
        send(order("o1").status(OrderStatus.REFUNDED).at("2026-12-10T00:00:00Z").build(), c);
        Verdict last = verdicts().get(verdicts().size() - 1);
        assertThat(last.decision()).isEqualTo(Decision.EXCLUDE);
        assertThat(codes(last)).containsExactly("NOT_COMPLETED");
        harness.watermark(t("2026-12-10T00:05:00Z"));
        assertThat(verdicts().get(verdicts().size() - 1).fin()).isTrue();
    }

    private void decide(String orderId, String decision, String at) throws Exception {
        var d = new dev.tollgate.detectors.model.AnalystDecision(orderId, decision, "ana", "checked", t(at));
        harness.processElement(new StreamRecord<>(OrderUpdate.of(d, 0L), d.ts()));
    }

    @Test
    void anAnalystDecisionOverridesTheDetectorsAndIsFinal() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(order("o1").device("d2").at("2026-11-20T11:00:00Z").build(), c);
        assertThat(verdicts().get(0).decision()).isEqualTo(Decision.REVIEW);
        decide("o1", "CREDIT", "2026-11-21T09:00:00Z");
        Verdict ruled = verdicts().get(1);
        assertThat(ruled.decision()).isEqualTo(Decision.CREDIT);
        assertThat(ruled.fin()).isTrue();
        assertThat(ruled.decidedBy()).isEqualTo("ana");
        assertThat(codes(ruled)).containsExactly("DEVICE_SWITCH");
        decide("o1", "EXCLUDE", "2026-11-22T09:00:00Z");
        assertThat(verdicts().get(2).decision()).isEqualTo(Decision.EXCLUDE);
        assertThat(verdicts().get(2).version()).isEqualTo(3);
    }

    @Test
    void aFinalReviewVerdictWaitsForAnAnalystLongerThanOtherFinalVerdictsThenIsForgotten() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(order("o1").device("d2").at("2026-11-20T11:00:00Z").build(), c);
        send(order("o1").device("d2").status(OrderStatus.COMPLETED).at("2026-11-26T11:00:00Z").build(), c);
        harness.watermark(t("2026-12-26T11:05:00Z"));
        Verdict held = verdicts().get(verdicts().size() - 1);
        assertThat(held.decision()).isEqualTo(Decision.REVIEW);
        assertThat(held.fin()).isTrue();
        // past the 7-day tombstone of other final verdicts, within the review hold (365 days)
        harness.watermark(t("2027-02-10T00:00:00Z"));
        assertThat(KeyedStateEntries.of(harness)).isEqualTo(2);
        // decided behind the watermark (the console stamps wall-clock time; the stream may be ahead of it)
        decide("o1", "CREDIT", "2027-02-01T09:00:00Z");
        Verdict ruled = verdicts().get(verdicts().size() - 1);
        assertThat(ruled.decidedBy()).isEqualTo("ana");
        assertThat(ruled.decision()).isEqualTo(Decision.CREDIT);
        assertThat(ruled.version()).isEqualTo(held.version() + 1);
        // the hold ends 365 days after the final verdict: then nothing is kept
        harness.watermark(t("2027-12-26T11:04:59Z"));
        assertThat(KeyedStateEntries.of(harness)).isEqualTo(2);
        harness.watermark(t("2027-12-26T11:05:00Z"));
        assertThat(KeyedStateEntries.of(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateClickForAForgottenOrderEmitsNothingAndIsDroppedAfterTheMaximumOrderAge() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(order("o1").at("2026-11-20T11:00:00Z").build(), c);
        send(order("o1").status(OrderStatus.COMPLETED).at("2026-11-26T11:00:00Z").build(), c);
        harness.watermark(t("2027-01-10T00:00:00Z"));
        assertThat(KeyedStateEntries.of(harness)).as("final and forgotten").isZero();
        int emitted = verdicts().size();
        var late = click("c1").at("2026-11-20T10:00:00Z").interactions(3).build();
        harness.processElement(new StreamRecord<>(OrderUpdate.joined("o1", null, late, List.of(), null, null, 0L),
                t("2027-01-10T00:00:00Z")));
        assertThat(verdicts()).as("no verdict from a click alone").hasSize(emitted);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.watermark(t("2027-07-28T23:59:59Z"));
        assertThat(KeyedStateEntries.of(harness)).as("within maxOrderAge (200 days)").isEqualTo(1);
        harness.watermark(t("2027-07-29T00:00:00Z"));
        assertThat(KeyedStateEntries.of(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDecisionForAnOrderNotSeenYetWaitsForItOrGoesToTheDeadLetters() throws Exception {
        decide("o1", "EXCLUDE", "2026-11-20T09:00:00Z");
        assertThat(verdicts()).isEmpty();
        send(order("o1").at("2026-11-20T11:00:00Z").build(), click("c1").at("2026-11-20T10:00:00Z").build());
        assertThat(verdicts()).singleElement().satisfies(v -> {
            assertThat(v.decision()).isEqualTo(Decision.EXCLUDE);
            assertThat(v.fin()).isTrue();
        });

        decide("o9", "CREDIT", "2026-11-20T09:00:00Z");
        harness.watermark(t("2026-11-27T09:00:00Z"));
        assertThat(harness.getSideOutput(Outputs.DEAD_LETTERS)).singleElement().satisfies(r -> {
            assertThat(r.getValue().kind()).isEqualTo(dev.tollgate.detectors.parse.DeadLetter.ErrorKind.UNKNOWN_ORDER);
            assertThat(r.getValue().reason()).contains("o9");
        });
    }

    @Test
    void aControlChangeAppliesFromTheNextEventAndAnInvalidOneIsRejected() throws Exception {
        var c = click("c1").program("aliexpress-bestprice").adBlocker(true).at("2026-11-20T10:00:00Z").build();
        send(order("o1").program("aliexpress-bestprice").at("2026-11-20T11:00:00Z").build(), c);
        assertThat(verdicts().get(0).decision()).isEqualTo(Decision.EXCLUDE);

        harness.processBroadcastElement("{\"version\":\"live-2\",\"programs\":{\"aliexpress-bestprice\":"
                + "{\"terms.trackingBlocked.severity\":\"shadow\"}}}", 0L);
        assertThat(verdicts()).as("earlier verdicts are not revisited by the change itself").hasSize(1);
        send(order("o2").program("aliexpress-bestprice").at("2026-11-20T11:05:00Z").build(), c);
        Verdict later = verdicts().get(1);
        assertThat(later.decision()).isEqualTo(Decision.CREDIT);
        assertThat(later.policyVersion()).startsWith("aliexpress-bestprice@live-2#");
        assertThat(later.reasons()).extracting(Reason::severity).containsExactly("shadow");

        harness.processBroadcastElement("{\"version\":\"live-3\",\"settings\":{\"detectors.bot.nope\":\"1\"}}",
                0L);
        assertThat(harness.getSideOutput(Outputs.DEAD_LETTERS)).singleElement()
                .satisfies(r -> assertThat(r.getValue().reason()).contains("live-3").contains("no such setting"));
        send(order("o3").program("aliexpress-bestprice").at("2026-11-20T11:10:00Z").build(), c);
        assertThat(verdicts().get(2).policyVersion()).as("the previous change stays").startsWith(
                "aliexpress-bestprice@live-2#");
    }

    @Test
    void anEventAfterTheFinalVerdictIsAuditedAndNotApplied() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(order("o1").at("2026-11-20T11:00:00Z").build(), c);
        send(order("o1").status(OrderStatus.CANCELLED).at("2026-11-21T11:00:00Z").build(), c);
        harness.watermark(t("2026-11-21T12:00:00Z"));
        int emitted = verdicts().size();
        assertThat(verdicts().get(emitted - 1).fin()).isTrue();

        send(order("o1").status(OrderStatus.COMPLETED).at("2026-11-22T11:00:00Z").build(), c);
        assertThat(verdicts()).hasSize(emitted);
        assertThat(harness.getSideOutput(Outputs.LATE_EVENTS)).singleElement()
                .satisfies(r -> assertThat(r.getValue().why()).isEqualTo(LateEvent.AFTER_FINAL));
    }

    @Test
    void excludesAnAwinOrderNotCompletedWithin180DaysAndFinalisesIt() throws Exception {
        var c = click("c1").program("alibaba-awin").at("2026-01-01T09:00:00Z").build();
        send(order("o1").program("alibaba-awin").status(OrderStatus.PAID).at("2026-01-01T10:00:00Z").build(), c);
        assertThat(verdicts().get(0).decision()).isEqualTo(Decision.CREDIT);

        harness.watermark(t("2026-06-30T10:00:00Z"));
        Verdict excluded = verdicts().get(verdicts().size() - 1);
        assertThat(codes(excluded)).containsExactly("NOT_COMPLETED");
        harness.watermark(t("2026-06-30T10:05:00Z"));
        assertThat(verdicts().get(verdicts().size() - 1).fin()).isTrue();
    }

    @Test
    void anOrderThatNeverClosesIsFinalisedAtItsMaximumAgeAndForgotten() throws Exception {
        var c = click("c1").program("alibaba-cashback-us").ipCountry("US").at("2026-01-01T09:00:00Z").build();
        send(order("o1").program("alibaba-cashback-us").shipTo("US").status(OrderStatus.PAID)
                .at("2026-01-01T10:00:00Z").build(), c);
        long maxAge = Cases.CONFIG.settings().time().maxOrderAge().toMillis();
        harness.watermark(t("2026-01-01T10:00:00Z") + maxAge);
        Verdict last = verdicts().get(verdicts().size() - 1);
        assertThat(last.fin()).isTrue();
        assertThat(last.decision()).isEqualTo(Decision.CREDIT);
        harness.watermark(t("2026-01-01T10:00:00Z") + maxAge + Duration.ofDays(8).toMillis());
        assertThat(KeyedStateEntries.of(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfABoundedInputGivesEveryOrderItsVerdictAndClearsEverything() throws Exception {
        send(order("o1").at("2026-11-20T11:00:00Z").build(), null);
        send(order("o2").click(null).status(OrderStatus.PAID).at("2026-11-20T11:00:00Z").build(), null);
        harness.watermark(Long.MAX_VALUE);
        assertThat(verdicts()).extracting(Verdict::orderId).containsExactlyInAnyOrder("o1", "o2");
        assertThat(KeyedStateEntries.of(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
