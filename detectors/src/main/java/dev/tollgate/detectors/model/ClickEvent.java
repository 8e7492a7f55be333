package dev.tollgate.detectors.model;

/**
 * A click-out or cashback activation (EVENTS.md `click`). Optional fields are {@code null} when absent: an absent
 * field means "not known", never "false".
 */
public record ClickEvent(
        String eventId,
        String clickId,
        long ts,
        String program,
        String publisherId,
        String userId,
        String deviceId,
        String ip,
        String ipCountry,
        String userAgent,
        String referrer,
        String landingUrl,
        String searchKeyword,
        Placement placement,
        Integer viewportW,
        Integer viewportH,
        Integer interactions,
        Integer cartItems,
        Boolean adBlocker) implements ContractEvent {
}
