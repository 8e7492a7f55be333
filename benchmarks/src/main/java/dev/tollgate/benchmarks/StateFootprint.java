package dev.tollgate.benchmarks;

import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.rules.OrderCase;
import dev.tollgate.detectors.rules.VerdictEngine;
import dev.tollgate.detectors.verdict.Verdict;
import org.openjdk.jol.info.GraphLayout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap bytes the streaming job keeps per live click and per open order, measured with JOL on the objects its state
 * holds for the traffic of {@link Traffic}: a click is the attribution join's copy (key, click, expiry) and its three
 * trail entries (user, device, IP); an open order is the verdict changelog's value (its events by id, its copy of the
 * click, the last verdict, its timers) and its key. Flink's own per-entry objects (a heap state map entry is 40 bytes,
 * an event-time timer 32, both read off a class histogram of a running job) are added per entry. Run:
 * {@code java -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar
 * dev.tollgate.benchmarks.StateFootprint} (JOL sizes records through its agent).
 */
public final class StateFootprint {
    private static final long STATE_ENTRY = 40;
    private static final long TIMER = 32;

    private StateFootprint() {
    }

    public static void main(String[] args) {
        Traffic traffic = new Traffic();
        List<ClickEvent> clicks = new ArrayList<>();
        traffic.events.forEach(e -> {
            if (e instanceof ClickEvent c) {
                clicks.add(c);
            }
        });
        long clickBytes = 0;
        long trailBytes = 0;
        for (ClickEvent c : clicks) {
            // the join: key -> click, key -> expiry, one expiry timer
            clickBytes += GraphLayout.parseInstance(c.clickId(), c, Long.valueOf(c.ts())).totalSize()
                    + 2 * STATE_ENTRY + TIMER;
            // the trails: a TrailClick (deserialised separately for each subject) and its list slot, three times;
            // the subject's key and list are shared by all of its clicks
            trailBytes += 3 * (GraphLayout.parseInstance(TrailClick.of(c)).totalSize() + 4);
        }
        VerdictEngine engine = new VerdictEngine(Traffic.CONFIG);
        long orderBytes = 0;
        List<OrderCase> cases = traffic.orderCases();
        for (OrderCase kase : cases) {
            Map<String, OrderEvent> events = new HashMap<>();
            kase.events().forEach(o -> events.put(o.eventId(), o));
            Verdict last = engine.assess(kase).toVerdict(false, 1, 0);
            List<Long> timers = new ArrayList<>(List.of(kase.events().get(0).ts(), kase.events().get(0).ts() + 1));
            Object[] value = {events, kase.click(), new HashMap<>(), new HashMap<>(), new HashMap<>(), last, timers};
            orderBytes += GraphLayout.parseInstance(kase.orderId(), value).totalSize() + STATE_ENTRY
                    + timers.size() * TIMER;
        }
        System.out.printf("traffic: %d lines, %d clicks, %d orders%n", traffic.lines.size(), clicks.size(),
                cases.size());
        System.out.printf("per live click: %d bytes in the attribution join + %d bytes in the three click trails = "
                        + "%d bytes%n", clickBytes / clicks.size(), trailBytes / clicks.size(),
                (clickBytes + trailBytes) / clicks.size());
        System.out.printf("per open order: %d bytes in the verdict changelog (events, its copy of the click, last "
                + "verdict, timers)%n", orderBytes / cases.size());
    }
}
