package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.policy.ProgramPolicy.CategoryRule;
import dev.tollgate.detectors.policy.ProgramPolicy.IneligibleItems;
import dev.tollgate.detectors.policy.Severity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INELIGIBLE_ITEMS, item by item: virtual goods, non-affiliate items, items outside "Ready to ship", sellers outside
 * the allowed countries, excluded stores, and excluded categories (dated, such as the 2020-03-23 medical exclusion of
 * seed 000, or limited to delivery countries, such as e-cigarettes for the USA). An absent item field means "not
 * known", never "ineligible". When some items remain eligible the order keeps its decision and the finding is
 * {@code info} with a smaller eligible amount; when none remain, the finding takes the term's severity.
 */
public final class EligibleItemsRule implements OrderRule {
    static final String DETECTOR = "terms.ineligibleItems";

    @Override
    public void evaluate(RuleContext ctx) {
        IneligibleItems term = ctx.terms().ineligibleItems();
        List<Item> items = ctx.order().items();
        if (!term.severity().enabled() || items == null || items.isEmpty()) {
            return;
        }
        LocalDate placedOn = LocalDate.ofInstant(Instant.ofEpochMilli(ctx.order().placedAt()), ZoneOffset.UTC);
        String shipTo = ctx.order().shipToCountry();
        Map<String, String> excluded = new LinkedHashMap<>();
        List<Item> out = new ArrayList<>();
        List<Item> kept = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String why = whyIneligible(item, term, placedOn, shipTo);
            if (why != null) {
                excluded.put(item.sku() != null ? item.sku() : "#" + i, why);
                out.add(item);
            } else {
                kept.add(item);
            }
        }
        if (excluded.isEmpty()) {
            return;
        }
        ctx.eligibleItems(kept);
        boolean all = out.size() == items.size();
        Money amount = ctx.eligibleAmount();
        Money eligible = amount == null ? null : all ? Money.zero(amount.currency()) : reduce(amount, items, out);
        ctx.eligibleAmount(eligible);
        Severity severity = all ? term.severity() : Severity.INFO;
        ctx.add(Finding.of(ReasonCode.INELIGIBLE_ITEMS, severity, DETECTOR,
                Evidence.of("ineligible", excluded).and("ineligibleCount", out.size())
                        .and("itemCount", items.size()).and("eligibleAmount", eligible)));
    }

    static String whyIneligible(Item item, IneligibleItems term, LocalDate placedOn, String shipTo) {
        if (term.excludeVirtual() && Boolean.TRUE.equals(item.virtual())) {
            return "virtual product";
        }
        if (term.requireAffiliate() && Boolean.FALSE.equals(item.affiliate())) {
            return "not an affiliate product";
        }
        if (term.requireReadyToShip() && Boolean.FALSE.equals(item.readyToShip())) {
            return "not in Ready to ship";
        }
        if (term.allowedSellerCountries() != null && !term.allowedSellerCountries().isEmpty()
                && item.sellerCountry() != null && !term.allowedSellerCountries().contains(item.sellerCountry())) {
            return "seller country " + item.sellerCountry();
        }
        if (term.excludedStores() != null && item.store() != null && term.excludedStores().contains(item.store())) {
            return "store " + item.store();
        }
        if (term.categories() != null && item.category() != null) {
            List<List<String>> path = CategoryMatcher.segments(item.category());
            for (CategoryRule rule : term.categories()) {
                if (rule.from() != null && placedOn.isBefore(rule.from())) {
                    continue;
                }
                if (rule.shipTo() != null && !rule.shipTo().isEmpty()
                        && (shipTo == null || !rule.shipTo().contains(shipTo))) {
                    continue;
                }
                if (CategoryMatcher.matches(rule.path(), path)) {
                    return "category " + rule.path() + (rule.why() == null ? "" : " (" + rule.why() + ")");
                }
            }
        }
        return null;
    }

    /**
     * The amount less the excluded lines' value. Where an excluded line has no price, the amount is cut in proportion
     * to item quantities instead.
     */
    private static Money reduce(Money amount, List<Item> all, List<Item> excluded) {
        Money excludedValue = Money.zero(amount.currency());
        for (Item item : excluded) {
            Money line = item.lineValue();
            if (line == null || !line.currency().equals(amount.currency())) {
                return proportional(amount, all, excluded);
            }
            excludedValue = excludedValue.plus(line);
        }
        return amount.minus(excludedValue).atLeastZero().rounded();
    }

    private static Money proportional(Money amount, List<Item> all, List<Item> excluded) {
        long total = all.stream().mapToLong(EligibleItemsRule::quantity).sum();
        long out = excluded.stream().mapToLong(EligibleItemsRule::quantity).sum();
        BigDecimal share = BigDecimal.valueOf(total - out).divide(BigDecimal.valueOf(total), MathContext.DECIMAL64);
        return amount.times(share).rounded();
    }

    private static long quantity(Item item) {
        return item.quantity() == null || item.quantity() == 0 ? 1 : item.quantity();
    }
}
