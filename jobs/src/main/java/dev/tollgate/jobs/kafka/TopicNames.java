package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.parse.InputType;

import java.io.Serializable;
import java.util.List;

/**
 * The Kafka topics of Tollgate, under a configurable prefix ({@code tollgate.} by default), with the partition counts
 * they are created with when missing.
 */
public record TopicNames(String prefix) implements Serializable {
    public static final int INPUT_PARTITIONS = 2;
    public static final int VERDICT_PARTITIONS = 2;
    public static final int DLQ_PARTITIONS = 1;
    public static final int DECISION_PARTITIONS = 1;

    public String clicks() {
        return prefix + "clicks";
    }

    public String orders() {
        return prefix + "orders";
    }

    public String sessions() {
        return prefix + "sessions";
    }

    public String aliexpressOrders() {
        return prefix + "orders.aliexpress";
    }

    public String awinOrders() {
        return prefix + "orders.awin";
    }

    /** Analyst rulings. */
    public String decisions() {
        return prefix + "decisions";
    }

    /** Live threshold and mode changes for the running job. */
    public String control() {
        return prefix + "control";
    }

    /** Verdicts keyed by orderId, compacted: the ledger's input. */
    public String verdicts() {
        return prefix + "verdicts";
    }

    public String dlq() {
        return prefix + "dlq";
    }

    /** The audit of events that arrived too late to count, or after their order was final (LateEvent JSON). */
    public String late() {
        return prefix + "late";
    }

    /** The topic carrying records of a contract type (bare native payloads on the feed topics). */
    public String forType(InputType type) {
        return switch (type) {
            case CLICK -> clicks();
            case ORDER -> orders();
            case SESSION -> sessions();
            case ALIEXPRESS_ORDER -> aliexpressOrders();
            case AWIN_TRANSACTION -> awinOrders();
            case DECISION -> decisions();
            case CONTROL -> control();
        };
    }

    /** The contract type a topic carries, or {@code null} for a topic that is not an event input. */
    public InputType typeOf(String topic) {
        for (InputType t : InputType.values()) {
            if (forType(t).equals(topic)) {
                return t;
            }
        }
        return null;
    }

    /** Every input topic the streaming job reads: the five event topics, the analysts' decisions and the control topic. */
    public List<String> inputs() {
        return List.of(clicks(), orders(), sessions(), aliexpressOrders(), awinOrders(), decisions(), control());
    }
}
