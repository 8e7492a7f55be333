package dev.tollgate.detectors.model;

/** Browser-extension telemetry kinds inside an activated cashback session (EVENTS.md `session.kind`). */
public enum SessionKind {
    TAB_SWITCHED, WINDOW_CLOSED, OTHER_AFFILIATE_LINK, PROMO_CODE_ENTERED, CONNECTION_LOST, PAYMENT_ON_OTHER_DEVICE,
    CART_RESTORED
}
