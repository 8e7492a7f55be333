package dev.tollgate.console.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write amounts, times and scores. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Format() {
    }

    public static String money(BigDecimal value, String currency) {
        return value == null ? "—" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                + (currency == null ? "" : " " + currency);
    }

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    public static String time(long epochMillis) {
        return time(Instant.ofEpochMilli(epochMillis));
    }

    public static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
