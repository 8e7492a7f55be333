package dev.tollgate.detectors.model;

import java.util.List;

/**
 * One status change of a merchant order in canonical form (EVENTS.md `order`). Native feeds are mapped to this by
 * adapters; they fill {@code subOrderId} (an AliExpress sub-order), {@code publisherId}, {@code clickDevice} and
 * {@code transactionDevice} (Awin), which are optional additions to the contract.
 */
public record OrderEvent(
        String eventId,
        String orderId,
        OrderStatus status,
        long ts,
        String program,
        String clickId,
        String userId,
        String deviceId,
        String ip,
        String ipCountry,
        String userAgent,
        Channel channel,
        OrderPath orderPath,
        Money amount,
        String shipToCountry,
        String buyerCountry,
        Boolean newBuyer,
        String promoCode,
        Boolean networkSpam,
        List<Item> items,
        String subOrderId,
        String publisherId,
        String clickDevice,
        String transactionDevice,
        Feed feed) implements ContractEvent {

    /** The order part this event belongs to: the sub-order for native AliExpress, the whole order otherwise. */
    public String partKey() {
        return subOrderId == null ? "" : subOrderId;
    }
}
