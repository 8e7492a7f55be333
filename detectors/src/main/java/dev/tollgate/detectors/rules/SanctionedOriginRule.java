package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.ProgramPolicy.Origin;
import dev.tollgate.detectors.policy.ProgramPolicy.RestrictedCountry;
import dev.tollgate.detectors.policy.ProgramPolicy.SanctionedOrigin;
import dev.tollgate.detectors.policy.Settings.Sanction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * SANCTIONED_ORIGIN: the click IP, order IP, buyer or delivery country is under comprehensive sanctions on the order's
 * date (the dated, configurable list in tollgate.yaml) or on the program's own restricted list (seed 000: "orders with
 * delivery country - China"; seed 001: "We do NOT accept traffic from Mainland China, India, Nigeria, Cuba, Iran, and
 * North Korea"). An IP without {@code ipCountry} is looked up in the configured IP-range database. One finding per
 * country, naming every place it was seen.
 */
public final class SanctionedOriginRule implements OrderRule {
    static final String DETECTOR = "sanctionedOrigin";

    @Override
    public void evaluate(RuleContext ctx) {
        SanctionedOrigin term = ctx.terms().sanctionedOrigin();
        if (!term.severity().enabled()) {
            return;
        }
        Map<Origin, String> seen = new EnumMap<>(Origin.class);
        if (ctx.click() != null) {
            String clickCountry = ctx.click().ipCountry() != null ? ctx.click().ipCountry()
                    : ctx.reference().country(ctx.click().ip());
            put(seen, Origin.CLICK_IP, clickCountry);
        }
        String orderCountry = ctx.order().ipCountry();
        if (orderCountry == null) {
            for (String ip : ctx.order().distinct(dev.tollgate.detectors.model.OrderEvent::ip)) {
                orderCountry = orderCountry != null ? orderCountry : ctx.reference().country(ip);
            }
        }
        put(seen, Origin.ORDER_IP, orderCountry);
        put(seen, Origin.BUYER, ctx.order().buyerCountry());
        put(seen, Origin.SHIP_TO, ctx.order().shipToCountry());
        if (seen.isEmpty()) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(ctx.order().placedAt()), ZoneOffset.UTC);
        Map<String, Evidence> byCountry = new java.util.TreeMap<>();
        for (Sanction s : ctx.settings().sanctions()) {
            if (s.inForceOn(day)) {
                for (Map.Entry<Origin, String> e : seen.entrySet()) {
                    if (e.getValue().equals(s.country())) {
                        evidence(byCountry, s.country(), "comprehensive sanctions", s.program(), e.getKey());
                    }
                }
            }
        }
        if (term.restricted() != null) {
            for (RestrictedCountry r : term.restricted()) {
                for (Map.Entry<Origin, String> e : seen.entrySet()) {
                    boolean applies = r.on() == null || r.on().isEmpty() || r.on().contains(e.getKey());
                    if (applies && e.getValue().equals(r.country())) {
                        evidence(byCountry, r.country(), "program restriction", r.why(), e.getKey());
                    }
                }
            }
        }
        byCountry.values().forEach(ev -> ctx.add(Finding.of(ReasonCode.SANCTIONED_ORIGIN, term.severity(),
                DETECTOR, ev)));
    }

    private static void put(Map<Origin, String> seen, Origin origin, String country) {
        if (country != null) {
            seen.put(origin, country);
        }
    }

    private static void evidence(Map<String, Evidence> byCountry, String country, String list, String why,
                                 Origin origin) {
        String key = country + "|" + list;
        Evidence ev = byCountry.get(key);
        if (ev == null) {
            byCountry.put(key, Evidence.of("country", country).and("list", list).and("why", why)
                    .and(origin.name().toLowerCase(java.util.Locale.ROOT), country));
        } else {
            ev.and(origin.name().toLowerCase(java.util.Locale.ROOT), country);
        }
    }
}
