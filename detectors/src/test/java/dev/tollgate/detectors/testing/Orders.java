package dev.tollgate.detectors.testing;

import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.Feed;
import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderPath;
import dev.tollgate.detectors.model.OrderStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Test builder for canonical order events: a clean web order in USD unless a test says otherwise. */
public final class Orders {
    private String orderId = "o1";
    private OrderStatus status = OrderStatus.CREATED;
    private long ts = Instant.parse("2026-11-20T11:00:00Z").toEpochMilli();
    private String program = "aliexpress-portals";
    private String clickId = "c1";
    private String ipCountry;
    private Channel channel = Channel.WEB;
    private OrderPath orderPath;
    private Money amount = Money.of("100.00", "USD");
    private String shipTo = "NO";
    private String buyerCountry;
    private String promoCode;
    private Boolean networkSpam;
    private List<Item> items;
    private String subOrderId;
    private String deviceId = "d1";
    private String userAgent;
    private String ip = "203.0.113.7";
    private String clickDevice;
    private String transactionDevice;

    public static Orders order(String orderId) {
        Orders o = new Orders();
        o.orderId = orderId;
        return o;
    }

    public Orders status(OrderStatus s) {
        this.status = s;
        return this;
    }

    public Orders at(String instant) {
        this.ts = Instant.parse(instant).toEpochMilli();
        return this;
    }

    public Orders program(String p) {
        this.program = p;
        return this;
    }

    public Orders click(String c) {
        this.clickId = c;
        return this;
    }

    public Orders amount(String value, String currency) {
        this.amount = Money.of(value, currency);
        return this;
    }

    public Orders channel(Channel c) {
        this.channel = c;
        return this;
    }

    public Orders orderPath(OrderPath p) {
        this.orderPath = p;
        return this;
    }

    public Orders shipTo(String c) {
        this.shipTo = c;
        return this;
    }

    public Orders buyerCountry(String c) {
        this.buyerCountry = c;
        return this;
    }

    public Orders ipCountry(String c) {
        this.ipCountry = c;
        return this;
    }

    public Orders promo(String code) {
        this.promoCode = code;
        return this;
    }

    public Orders spam(Boolean s) {
        this.networkSpam = s;
        return this;
    }

    public Orders items(Item... its) {
        this.items = List.of(its);
        return this;
    }

    public Orders device(String d) {
        this.deviceId = d;
        return this;
    }

    public Orders userAgent(String ua) {
        this.userAgent = ua;
        return this;
    }

    public Orders ip(String address) {
        this.ip = address;
        return this;
    }

    public Orders awinDevices(String click, String transaction) {
        this.clickDevice = click;
        this.transactionDevice = transaction;
        return this;
    }

    public Orders subOrder(String id) {
        this.subOrderId = id;
        return this;
    }

    public OrderEvent build() {
        String id = orderId + ":" + (subOrderId == null ? "" : subOrderId + ":") + status.name().toLowerCase(Locale.ROOT);
        return new OrderEvent(id, orderId, status, ts, program, clickId, "u1", deviceId, ip, ipCountry, userAgent,
                channel, orderPath, amount, shipTo, buyerCountry, null, promoCode, networkSpam, items, subOrderId, null,
                clickDevice, transactionDevice, Feed.CANONICAL);
    }

    /** An item with a price and the given category; every eligibility flag unknown. */
    public static Item item(String sku, String price, String category) {
        return new Item(sku, "item " + sku, category, 1, Money.of(price, "USD"), null, null, null, null, null);
    }

    public static Item item(String sku, String price, String category, Boolean virtual, String sellerCountry,
                            String store, Boolean readyToShip, Boolean affiliate) {
        return new Item(sku, "item " + sku, category, 1, Money.of(price, "USD"), virtual, sellerCountry, store,
                readyToShip, affiliate);
    }
}
