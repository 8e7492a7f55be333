package dev.tollgate.detectors.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.model.Money;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a finding's evidence: a small JSON object of what was seen, keys in insertion order. */
public final class Evidence {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Evidence() {
    }

    public static Evidence of(String key, Object value) {
        return new Evidence().and(key, value);
    }

    public Evidence and(String key, Object value) {
        if (value != null) {
            fields.put(key, render(value));
        }
        return this;
    }

    private static Object render(Object value) {
        if (value instanceof Money m) {
            Map<String, Object> money = new LinkedHashMap<>();
            money.put("value", m.rounded().value().toPlainString());
            money.put("currency", m.currency());
            return money;
        }
        if (value instanceof Duration d) {
            return d.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        return value;
    }

    /** An event time in epoch milliseconds as an ISO-8601 instant. */
    public static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    public String json() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
