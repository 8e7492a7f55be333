package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderPath;
import dev.tollgate.detectors.model.OrderStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order as its status events describe it. An order may have parts (AliExpress sub-orders): each part takes the
 * status of highest lifecycle rank it reached, the order fails only when every part failed, and failed parts drop out
 * of the amount and items. For other fields the newest event that carries a value wins.
 */
public final class OrderFacts {
    private static final Comparator<OrderEvent> OLDEST_FIRST = Comparator.comparingLong(OrderEvent::ts)
            .thenComparing(OrderEvent::eventId);
    private final List<OrderEvent> events;
    private final String program;
    private final String clickId;
    private final OrderStatus status;
    private final long placedAt;
    private final Long paidAt;
    private final Long completedAt;
    private final Long terminalAt;
    private final long newestTs;
    private final Money amount;
    private final List<Item> items;

    public OrderFacts(List<OrderEvent> unsorted) {
        if (unsorted.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one event");
        }
        List<OrderEvent> sorted = new ArrayList<>(unsorted);
        sorted.sort(OLDEST_FIRST);
        this.events = Collections.unmodifiableList(sorted);
        OrderEvent first = events.get(0);
        this.program = first.program();
        this.clickId = firstValue(OrderEvent::clickId, false);
        this.newestTs = events.get(events.size() - 1).ts();

        Map<String, OrderStatus> partStatus = new LinkedHashMap<>();
        Map<String, Long> partStatusTs = new LinkedHashMap<>();
        Map<String, Money> partAmount = new LinkedHashMap<>();
        Map<String, List<Item>> partItems = new LinkedHashMap<>();
        Long created = null;
        Long paid = null;
        Long completed = null;
        for (OrderEvent e : events) {
            String part = e.partKey();
            OrderStatus current = partStatus.get(part);
            if (current == null || e.status().rank() >= current.rank()) {
                partStatus.put(part, e.status());
                partStatusTs.put(part, e.ts());
            }
            if (e.amount() != null) {
                partAmount.put(part, e.amount());
            }
            if (e.items() != null) {
                partItems.put(part, e.items());
            }
            switch (e.status()) {
                case CREATED -> created = created == null ? e.ts() : Math.min(created, e.ts());
                case PAID -> paid = paid == null ? e.ts() : Math.min(paid, e.ts());
                case COMPLETED -> completed = completed == null ? e.ts() : Math.min(completed, e.ts());
                default -> { }
            }
        }
        this.paidAt = paid;
        this.completedAt = completed;
        this.placedAt = created != null ? created : paid != null ? paid : first.ts();

        boolean allFailed = partStatus.values().stream().allMatch(OrderStatus::failed);
        boolean allTerminal = partStatus.values().stream().allMatch(OrderStatus::terminal);
        OrderStatus overall;
        if (allFailed) {
            overall = partStatus.values().stream().max(Comparator.comparingInt(OrderStatus::rank)
                    .thenComparing(s -> s == OrderStatus.REFUNDED)).orElseThrow();
        } else {
            overall = partStatus.values().stream().filter(s -> !s.failed())
                    .min(Comparator.comparingInt(OrderStatus::rank)).orElseThrow();
        }
        this.status = overall;
        this.terminalAt = allTerminal ? partStatusTs.values().stream().max(Long::compare).orElseThrow() : null;

        Money total = null;
        List<Item> liveItems = new ArrayList<>();
        boolean anyItems = false;
        for (Map.Entry<String, OrderStatus> part : partStatus.entrySet()) {
            boolean counts = allFailed || !part.getValue().failed();
            if (!counts) {
                continue;
            }
            Money m = partAmount.get(part.getKey());
            if (m != null) {
                total = total == null ? m : total.currency().equals(m.currency()) ? total.plus(m) : total;
            }
            List<Item> its = partItems.get(part.getKey());
            if (its != null) {
                anyItems = true;
                liveItems.addAll(its);
            }
        }
        this.amount = total;
        this.items = anyItems ? List.copyOf(liveItems) : null;
    }

    public List<OrderEvent> events() {
        return events;
    }

    public String orderId() {
        return events.get(0).orderId();
    }

    public String program() {
        return program;
    }

    /** The click the network echoed on any event of the order, or {@code null} when unattributed. */
    public String clickId() {
        return clickId;
    }

    public OrderStatus status() {
        return status;
    }

    /** When the order was placed: its {@code created} time, else its first payment, else its first event. */
    public long placedAt() {
        return placedAt;
    }

    public Long paidAt() {
        return paidAt;
    }

    public Long completedAt() {
        return completedAt;
    }

    /** When the last part reached a terminal status, or {@code null} while any part is open. */
    public Long terminalAt() {
        return terminalAt;
    }

    public long newestTs() {
        return newestTs;
    }

    /** Order value of the parts that did not fail, or {@code null} when no event carried an amount. */
    public Money amount() {
        return amount;
    }

    /** Items of the parts that did not fail, or {@code null} when no event listed items. */
    public List<Item> items() {
        return items;
    }

    public Channel channel() {
        return newest(OrderEvent::channel);
    }

    public OrderPath orderPath() {
        return newest(OrderEvent::orderPath);
    }

    public String promoCode() {
        return newest(OrderEvent::promoCode);
    }

    public String shipToCountry() {
        return newest(OrderEvent::shipToCountry);
    }

    public String buyerCountry() {
        return newest(OrderEvent::buyerCountry);
    }

    public String ipCountry() {
        return newest(OrderEvent::ipCountry);
    }

    /** The network flagged the order as spam on any of its events. */
    public boolean networkSpam() {
        for (OrderEvent e : events) {
            if (Boolean.TRUE.equals(e.networkSpam())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every distinct non-null value of a field across the order's events, oldest first. (An order has a handful of
     * events: a list scan beats a stream with a hash set here, and this runs for several rules on every update.)
     */
    public <T> List<T> distinct(Function<OrderEvent, T> field) {
        List<T> values = new ArrayList<>(2);
        for (OrderEvent e : events) {
            T v = field.apply(e);
            if (v != null && !values.contains(v)) {
                values.add(v);
            }
        }
        return Collections.unmodifiableList(values);
    }

    private <T> T newest(Function<OrderEvent, T> field) {
        return firstValue(field, true);
    }

    /** The first non-null value of a field from the newest event back, or from the oldest on. */
    private <T> T firstValue(Function<OrderEvent, T> field, boolean fromNewest) {
        int n = events.size();
        for (int i = 0; i < n; i++) {
            T v = field.apply(events.get(fromNewest ? n - 1 - i : i));
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
