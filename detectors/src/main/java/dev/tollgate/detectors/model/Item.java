package dev.tollgate.detectors.model;

/** One order line (EVENTS.md `order.items[]`); every field may be {@code null} meaning "not known". */
public record Item(
        String sku,
        String title,
        String category,
        Integer quantity,
        Money unitPrice,
        Boolean virtual,
        String sellerCountry,
        String store,
        Boolean readyToShip,
        Boolean affiliate) {

    /** Line value: unit price times quantity (quantity 1 when unknown), or {@code null} without a price. */
    public Money lineValue() {
        if (unitPrice == null) {
            return null;
        }
        int q = quantity == null ? 1 : quantity;
        return unitPrice.times(java.math.BigDecimal.valueOf(q));
    }
}
