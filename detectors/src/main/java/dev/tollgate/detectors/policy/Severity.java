package dev.tollgate.detectors.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a finding counts (EVENTS.md verdict reasons): {@code exclude} and {@code review} decide, {@code info} and
 * {@code shadow} are recorded without changing the decision, {@code off} disables the term.
 */
public enum Severity {
    EXCLUDE, REVIEW, INFO, SHADOW, OFF;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** YAML 1.1 reads a bare {@code off} as boolean false; it means the term is off. */
    @JsonCreator
    public static Severity fromWire(String s) {
        if ("false".equals(s)) {
            return OFF;
        }
        for (Severity v : values()) {
            if (v.wire().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of [exclude, review, info, shadow, off]");
    }

    public boolean enabled() {
        return this != OFF;
    }
}
