package dev.tollgate.console.store;

import java.math.BigDecimal;

/**
 * One input event as the console keeps it: for the timeline, the related-orders panels and the label export.
 *
 * @param type the fixture type ({@code click}, {@code order}, {@code session}, {@code aliexpress_order}, ...)
 * @param kind what the timeline shows it as: click, session, or the order status
 * @param raw the record as a fixture line (with its {@code type}; a native payload wrapped with its program)
 * @param publisherId the click's publisher (clicks), else {@code null}
 * @param deviceId the device of the click or order
 * @param userId the user of the order, or {@code null}
 * @param amount the order step's amount, or {@code null}
 */
public record InputRow(String eventId, String type, String kind, String orderId, String clickId, long ts,
                       String summary, String program, String raw, String publisherId, String deviceId,
                       String userId, BigDecimal amount, String currency) {
}
