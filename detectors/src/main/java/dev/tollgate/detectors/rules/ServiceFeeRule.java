package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.policy.ProgramPolicy.ServiceFeeExcluded;

import java.util.List;

/**
 * SERVICE_FEE_EXCLUDED (informational): seed 003, "For products purchased by EU buyers on AliExpress.com, an additional
 * service fee of up to 8% of the Product Price is charged by third party service provider which is NOT subject to
 * commission." For a buyer in the term's countries ({@code buyerCountry}, else {@code shipToCountry}) whose eligible
 * amount exceeds the product prices of the eligible items (quantity x unit price, summed exactly and rounded to cents
 * once), the eligible amount is cut to those prices. An order whose eligible items do not all carry a price in the
 * order's currency is left as it is. Runs after item exclusions and before the commission cap.
 */
public final class ServiceFeeRule implements OrderRule {
    static final String DETECTOR = "terms.serviceFeeExcluded";

    @Override
    public void evaluate(RuleContext ctx) {
        ServiceFeeExcluded term = ctx.terms().serviceFeeExcluded();
        Money eligible = ctx.eligibleAmount();
        List<Item> items = ctx.eligibleItems();
        if (!term.severity().enabled() || eligible == null || eligible.value().signum() <= 0 || items.isEmpty()) {
            return;
        }
        String buyer = ctx.order().buyerCountry() != null ? ctx.order().buyerCountry() : ctx.order().shipToCountry();
        if (buyer == null || !term.buyerCountries().contains(buyer)) {
            return;
        }
        Money prices = Money.zero(eligible.currency());
        for (Item item : items) {
            Money line = item.lineValue();
            if (line == null || !line.currency().equals(eligible.currency())) {
                return;
            }
            prices = prices.plus(line);
        }
        Money productPrices = prices.rounded();
        if (eligible.compareValue(productPrices) <= 0) {
            return;
        }
        ctx.eligibleAmount(productPrices);
        ctx.add(Finding.of(ReasonCode.SERVICE_FEE_EXCLUDED, term.severity(), DETECTOR,
                Evidence.of("buyerCountry", buyer).and("amount", eligible).and("productPrices", productPrices)
                        .and("serviceFee", eligible.minus(productPrices))));
    }
}
