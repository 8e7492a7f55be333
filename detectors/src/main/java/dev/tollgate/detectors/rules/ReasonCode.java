package dev.tollgate.detectors.rules;

/** The reason codes of REASON-CODES.md; stable vocabulary shared with the ledger, analysts and evaluator. */
public enum ReasonCode {
    COOKIE_STUFFING(true),
    CLICK_HIJACK(true),
    POPUP_TRAFFIC(true),
    BOT_TRAFFIC(true),
    DEVICE_SWITCH(true),
    BRAND_BIDDING(true),
    SANCTIONED_ORIGIN(true),
    OUTSIDE_ATTRIBUTION_WINDOW(false),
    NO_QUALIFYING_CLICK(false),
    ORDER_LIMIT_EXCEEDED(false),
    INELIGIBLE_ITEMS(false),
    INELIGIBLE_CHANNEL(false),
    FOREIGN_PROMO_CODE(false),
    NOT_COMPLETED(false),
    CURRENCY_NOT_ELIGIBLE(false),
    NETWORK_FRAUD_FLAG(false),
    TRACKING_BLOCKED(false),
    COMMISSION_CAPPED(false),
    SESSION_INTERRUPTED(false),
    SERVICE_FEE_EXCLUDED(false);

    private final boolean fraudFamily;

    ReasonCode(boolean fraudFamily) {
        this.fraudFamily = fraudFamily;
    }

    /** Fraud and attribution-integrity codes (the detectors); the rest are deterministic program terms. */
    public boolean fraudFamily() {
        return fraudFamily;
    }
}
