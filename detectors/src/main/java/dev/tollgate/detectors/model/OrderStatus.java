package dev.tollgate.detectors.model;

/**
 * Status of a merchant order. {@link #rank} orders the lifecycle: a later status of higher rank wins over an earlier
 * one (a refund after completion is a refund).
 */
public enum OrderStatus {
    CREATED(0, false),
    PAID(1, false),
    COMPLETED(2, true),
    DISPUTED(3, true),
    CANCELLED(4, true),
    REFUNDED(4, true);

    private final int rank;
    private final boolean terminal;

    OrderStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    public int rank() {
        return rank;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Cancelled, refunded or disputed: the order did not become a qualified purchase. */
    public boolean failed() {
        return this == CANCELLED || this == REFUNDED || this == DISPUTED;
    }
}
