package dev.tollgate.detectors.testing;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.Placement;

import java.time.Instant;

/** Test builder for clicks: an honest, attributable click unless a test says otherwise. */
public final class Clicks {
    private String eventId;
    private String clickId = "c1";
    private long ts = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private String program = "aliexpress-portals";
    private String publisherId = "pub-1";
    private String userId = "u1";
    private String deviceId = "d1";
    private String ip = "203.0.113.7";
    private String ipCountry = "NO";
    private String userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
    private String referrer;
    private String landingUrl = "https://www.aliexpress.com/item/1.html";
    private String searchKeyword;
    private Placement placement = Placement.BUTTON;
    private Integer viewportW = 1280;
    private Integer viewportH = 720;
    private Integer interactions = 3;
    private Integer cartItems = 0;
    private Boolean adBlocker = false;

    public static Clicks click(String clickId) {
        Clicks c = new Clicks();
        c.clickId = clickId;
        return c;
    }

    public Clicks at(String instant) {
        this.ts = Instant.parse(instant).toEpochMilli();
        return this;
    }

    public Clicks program(String program) {
        this.program = program;
        return this;
    }

    public Clicks ipCountry(String country) {
        this.ipCountry = country;
        return this;
    }

    public Clicks adBlocker(Boolean blocked) {
        this.adBlocker = blocked;
        return this;
    }

    public Clicks device(String device) {
        this.deviceId = device;
        return this;
    }

    public Clicks ip(String address) {
        this.ip = address;
        return this;
    }

    public Clicks userAgent(String ua) {
        this.userAgent = ua;
        return this;
    }

    public Clicks referrer(String url) {
        this.referrer = url;
        return this;
    }

    public Clicks landing(String url) {
        this.landingUrl = url;
        return this;
    }

    public Clicks keyword(String keyword) {
        this.searchKeyword = keyword;
        return this;
    }

    public Clicks placement(Placement p) {
        this.placement = p;
        return this;
    }

    public Clicks viewport(Integer w, Integer h) {
        this.viewportW = w;
        this.viewportH = h;
        return this;
    }

    public Clicks interactions(Integer n) {
        this.interactions = n;
        return this;
    }

    public Clicks cart(Integer items) {
        this.cartItems = items;
        return this;
    }

    public Clicks user(String user) {
        this.userId = user;
        return this;
    }

    public Clicks publisher(String publisher) {
        this.publisherId = publisher;
        return this;
    }

    public ClickEvent build() {
        return new ClickEvent(eventId != null ? eventId : "ev-" + clickId, clickId, ts, program, publisherId, userId,
                deviceId, ip, ipCountry, userAgent, referrer, landingUrl, searchKeyword, placement, viewportW, viewportH,
                interactions, cartItems, adBlocker);
    }
}
