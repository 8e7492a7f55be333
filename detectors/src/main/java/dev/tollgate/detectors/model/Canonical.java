package dev.tollgate.detectors.model;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each repeated text that long-lived state keeps: program and publisher ids, countries, currencies,
 * user agents. Flink deserialises every record afresh for each operator, so without this every click and order held
 * in state carries its own copies of the same few texts (about a third of a live click's bytes). Only fields of low
 * cardinality go through it, never ids or URLs, and it is bounded: once it holds {@link #LIMIT} texts it returns new
 * ones as they are. Thread-safe; one per JVM, shared by the operators of a task manager.
 */
public final class Canonical {
    static final int LIMIT = 100_000;
    private static final ConcurrentHashMap<String, String> TEXTS = new ConcurrentHashMap<>();

    private Canonical() {
    }

    /** The shared copy of {@code s} (equal to it), or {@code s} itself once the table is full. */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        String shared = TEXTS.get(s);
        if (shared != null) {
            return shared;
        }
        if (TEXTS.size() >= LIMIT) {
            return s;
        }
        shared = TEXTS.putIfAbsent(s, s);
        return shared == null ? s : shared;
    }

    /** The click with its low-cardinality texts shared. */
    public static ClickEvent click(ClickEvent c) {
        if (c == null) {
            return null;
        }
        return new ClickEvent(c.eventId(), c.clickId(), c.ts(), of(c.program()), of(c.publisherId()), c.userId(),
                c.deviceId(), c.ip(), of(c.ipCountry()), of(c.userAgent()), c.referrer(), c.landingUrl(),
                c.searchKeyword(), c.placement(), c.viewportW(), c.viewportH(), c.interactions(), c.cartItems(),
                c.adBlocker());
    }

    /** The order step with its low-cardinality texts (and its items' and amount's currencies) shared. */
    public static OrderEvent order(OrderEvent o) {
        if (o == null) {
            return null;
        }
        List<Item> items = o.items() == null ? null : o.items().stream().map(Canonical::item).toList();
        return new OrderEvent(o.eventId(), o.orderId(), o.status(), o.ts(), of(o.program()), o.clickId(), o.userId(),
                o.deviceId(), o.ip(), of(o.ipCountry()), of(o.userAgent()), o.channel(), o.orderPath(),
                money(o.amount()), of(o.shipToCountry()), of(o.buyerCountry()), o.newBuyer(), o.promoCode(),
                o.networkSpam(), items, o.subOrderId(), of(o.publisherId()), of(o.clickDevice()),
                of(o.transactionDevice()), o.feed());
    }

    private static Item item(Item i) {
        return new Item(i.sku(), i.title(), of(i.category()), i.quantity(), money(i.unitPrice()), i.virtual(),
                of(i.sellerCountry()), of(i.store()), i.readyToShip(), i.affiliate());
    }

    private static Money money(Money m) {
        return m == null ? null : new Money(m.value(), of(m.currency()));
    }
}
