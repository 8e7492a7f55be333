package dev.tollgate.detectors.parse;

import java.util.Locale;

/** The record types of EVENTS.md, as written in a fixture line's {@code type} field or implied by a typed topic. */
public enum InputType {
    CLICK, ORDER, SESSION, ALIEXPRESS_ORDER, AWIN_TRANSACTION,
    /** An analyst's ruling (EVENTS.md {@code decision}); a fixture line may carry it as {@code "type": "decision"}. */
    DECISION,
    /** A live change of thresholds and modes (streaming job, control topic only). */
    CONTROL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for a wire name, or {@code null} when it is not one. */
    public static InputType fromWire(String name) {
        for (InputType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
