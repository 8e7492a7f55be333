package dev.tollgate.console.auth;

import java.util.Locale;

/** What a console user may do; each role includes the ones before it. */
public enum Role {
    /** Reads the queue, the orders and their evidence. */
    VIEWER,
    /** Also decides held orders, reopens excluded ones and exports labels. */
    ANALYST,
    /** Also reverses final verdicts and reads the audit log. */
    LEAD;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Role parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role '" + s + "' is not one of viewer, analyst, lead");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
