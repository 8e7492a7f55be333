package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.testing.Cases;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

class AttributionJoinTest {
    private KeyedOneInputStreamOperatorTestHarness<String, Envelope, OrderUpdate> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AttributionJoin(Cases.CONFIG),
                Envelope::clickKey, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(Object event) throws Exception {
        Envelope e = Envelope.of((dev.tollgate.detectors.model.ContractEvent) event);
        harness.processElement(new StreamRecord<>(e, e.ts()));
    }

    @Test
    void joinsAnOrderThatArrivesBeforeItsClick() throws Exception {
        send(order("o1").at("2026-11-20T11:00:00Z").build());
        send(click("c1").at("2026-11-20T10:00:00Z").build());
        var out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).order()).isNotNull();
        assertThat(out.get(0).click()).isNull();
        assertThat(out.get(1).orderId()).isEqualTo("o1");
        assertThat(out.get(1).click().clickId()).isEqualTo("c1");
    }

    @Test
    void sendsTheClickAndItsSessionsWithAnOrderThatArrivesAfter() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(c);
        send(new SessionEvent("s1", c.ts() + 1000, "c1", SessionKind.TAB_SWITCHED, null));
        send(order("o1").at("2026-11-20T11:00:00Z").build());
        var last = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(last.click()).isEqualTo(c);
        assertThat(last.sessions()).extracting(SessionEvent::eventId).containsExactly("s1");
        assertThat(last.shares()).extracting(s -> s.orderId()).containsExactly("o1");
    }

    @Test
    void tellsEveryOrderOfTheClickWhenAnotherOrderSharesIt() throws Exception {
        send(click("c1").at("2026-11-20T10:00:00Z").build());
        send(order("o1").at("2026-11-20T11:00:00Z").build());
        send(order("o2").at("2026-11-20T11:30:00Z").build());
        var toO1 = harness.extractOutputValues().stream().filter(u -> u.orderId().equals("o1")).toList();
        assertThat(toO1.get(toO1.size() - 1).shares()).extracting(s -> s.orderId()).containsExactly("o1", "o2");
    }

    @Test
    void clearsItsStateWhenTheProgramWindowAndRetentionHavePassed() throws Exception {
        var c = click("c1").at("2026-11-20T10:00:00Z").build();
        send(c);
        send(order("o1").at("2026-11-20T11:00:00Z").build());
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        long expiry = c.ts() + Duration.ofDays(3).toMillis()
                + Cases.CONFIG.settings().time().clickRetention().toMillis();
        harness.processWatermark(expiry - 1);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processWatermark(expiry);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void boundsTheStateOfAClickThatIsNeverSeen() throws Exception {
        send(order("o1").at("2026-11-20T11:00:00Z").build());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
