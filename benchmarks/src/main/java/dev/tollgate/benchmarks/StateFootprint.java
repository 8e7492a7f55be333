package dev.tollgate.benchmarks;

import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.Canonical;
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
import java.util.function.UnaryOperator;

/**
 * Heap bytes the streaming job keeps per live click and per open order, measured with JOL on the objects its state
 * holds for the traffic of {@link Traffic}: a click is the attribution join's copy (key, click, expiry) and its three
 * trail entries (user, device, IP); an open order is the verdict changelog's value (its events by id, its copy of the
 * click, the last verdict, its timers) and its key. Each kind is measured as one object graph, so texts shared through
 * {@link Canonical} count once, as on the heap; each record is a fresh copy, as Flink deserialises one for each
 * operator. Flink's own per-entry objects (a heap state map entry is 40 bytes, an event-time timer 32, both read off a
 * class histogram of a running job) are added per entry. Prints the figures without and with shared texts. Run:
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
        List<OrderCase> cases = traffic.orderCases();
        VerdictEngine engine = new VerdictEngine(Traffic.CONFIG);
        List<Verdict> verdicts = cases.stream().map(k -> engine.assess(k).toVerdict(false, 1, 0)).toList();
        System.out.printf("traffic: %d lines, %d clicks, %d orders%n", traffic.lines.size(), clicks.size(),
                cases.size());
        report("records as deserialised", clicks, cases, verdicts, UnaryOperator.identity(),
                UnaryOperator.identity(), t -> t);
        report("low-cardinality texts shared", clicks, cases, verdicts, Canonical::click, Canonical::order,
                TrailClick::canonical);
    }

    private static void report(String variant, List<ClickEvent> clicks, List<OrderCase> cases, List<Verdict> verdicts,
                               UnaryOperator<ClickEvent> click, UnaryOperator<OrderEvent> order,
                               UnaryOperator<TrailClick> trail) {
        List<Object> join = new ArrayList<>();
        List<Object> trails = new ArrayList<>();
        for (ClickEvent c : clicks) {
            join.add(new String(c.clickId()));
            join.add(click.apply(copy(c)));
            join.add(Long.valueOf(c.ts()));
            for (int subject = 0; subject < 3; subject++) {
                trails.add(trail.apply(TrailClick.of(copy(c))));
            }
        }
        List<Object> orders = new ArrayList<>();
        long timers = 0;
        for (int i = 0; i < cases.size(); i++) {
            OrderCase kase = cases.get(i);
            Map<String, OrderEvent> events = new HashMap<>();
            kase.events().forEach(o -> events.put(o.eventId(), order.apply(copy(o))));
            List<Long> orderTimers = new ArrayList<>(List.of(kase.events().get(0).ts(), kase.events().get(0).ts() + 1));
            timers += orderTimers.size();
            orders.add(new String(kase.orderId()));
            orders.add(new Object[] {events, kase.click() == null ? null : click.apply(copy(kase.click())),
                new HashMap<>(), new HashMap<>(), new HashMap<>(), verdicts.get(i), orderTimers});
        }
        long perClickJoin = GraphLayout.parseInstance(join.toArray()).totalSize() / clicks.size()
                + 2 * STATE_ENTRY + TIMER;
        // one list slot per trail entry; a subject's key and list are shared by all of its clicks
        long perClickTrails = GraphLayout.parseInstance(trails.toArray()).totalSize() / clicks.size() + 3 * 4;
        long perOrder = (GraphLayout.parseInstance(orders.toArray()).totalSize() + timers * TIMER) / cases.size()
                + STATE_ENTRY;
        System.out.printf("%s: per live click %d bytes (attribution join %d + three trail entries %d); per open "
                + "order %d bytes%n", variant, perClickJoin + perClickTrails, perClickJoin, perClickTrails, perOrder);
    }

    /** A copy with its own texts, as a record deserialised by Flink has. */
    private static ClickEvent copy(ClickEvent c) {
        return new ClickEvent(s(c.eventId()), s(c.clickId()), c.ts(), s(c.program()), s(c.publisherId()),
                s(c.userId()), s(c.deviceId()), s(c.ip()), s(c.ipCountry()), s(c.userAgent()), s(c.referrer()),
                s(c.landingUrl()), s(c.searchKeyword()), c.placement(), c.viewportW(), c.viewportH(),
                c.interactions(), c.cartItems(), c.adBlocker());
    }

    private static OrderEvent copy(OrderEvent o) {
        return new OrderEvent(s(o.eventId()), s(o.orderId()), o.status(), o.ts(), s(o.program()), s(o.clickId()),
                s(o.userId()), s(o.deviceId()), s(o.ip()), s(o.ipCountry()), s(o.userAgent()), o.channel(),
                o.orderPath(), o.amount() == null ? null
                : new dev.tollgate.detectors.model.Money(o.amount().value(), s(o.amount().currency())),
                s(o.shipToCountry()), s(o.buyerCountry()), o.newBuyer(), s(o.promoCode()), o.networkSpam(),
                o.items(), s(o.subOrderId()), s(o.publisherId()), s(o.clickDevice()), s(o.transactionDevice()),
                o.feed());
    }

    private static String s(String text) {
        return text == null ? null : new String(text);
    }
}
