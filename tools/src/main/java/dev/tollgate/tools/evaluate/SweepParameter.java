package dev.tollgate.tools.evaluate;

import org.apache.flink.util.TimeUtils;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One swept setting: {@code DETECTOR.SETTING=FROM..TO[:STEP]}, e.g. {@code bot.maxClicksPerDevice=6..20:2} or
 * {@code cookieStuffing.burstWindow=2s..20s:2s}. Numbers step by 1 unless told; durations need a step. The setting
 * is a path under {@code detectors:} in tollgate.yaml, or a full dotted path into it.
 */
public record SweepParameter(String path, String family, List<String> values) {
    private static final Map<String, String> FAMILY_CODES = Map.of(
            "cookieStuffing", "COOKIE_STUFFING", "clickHijack", "CLICK_HIJACK", "popup", "POPUP_TRAFFIC",
            "bot", "BOT_TRAFFIC", "deviceSwitch", "DEVICE_SWITCH", "brandBidding", "BRAND_BIDDING",
            "geo", "SANCTIONED_ORIGIN");

    /** @throws IllegalArgumentException with a one-line reason when the spec cannot be read */
    public static SweepParameter parse(String spec) {
        int eq = spec.indexOf('=');
        int dots = spec.indexOf("..");
        if (eq < 1 || dots < eq) {
            throw new IllegalArgumentException("'" + spec + "' is not DETECTOR.SETTING=FROM..TO[:STEP]");
        }
        String name = spec.substring(0, eq);
        String family = name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.'));
        String path = FAMILY_CODES.containsKey(family) ? "detectors." + name : name;
        String from = spec.substring(eq + 1, dots);
        String rest = spec.substring(dots + 2);
        int colon = rest.indexOf(':');
        String to = colon < 0 ? rest : rest.substring(0, colon);
        String step = colon < 0 ? null : rest.substring(colon + 1);
        List<String> values = new ArrayList<>();
        try {
            BigDecimal a = new BigDecimal(from);
            BigDecimal b = new BigDecimal(to);
            BigDecimal s = step == null ? BigDecimal.ONE : new BigDecimal(step);
            if (s.signum() <= 0 || a.compareTo(b) > 0) {
                throw new IllegalArgumentException("'" + spec + "': FROM must not exceed TO and STEP must be positive");
            }
            for (BigDecimal v = a; v.compareTo(b) <= 0; v = v.add(s)) {
                values.add(v.toPlainString());
            }
        } catch (NumberFormatException notNumeric) {
            if (step == null) {
                throw new IllegalArgumentException("'" + spec + "': a duration range needs a STEP");
            }
            Duration a = TimeUtils.parseDuration(from);
            Duration b = TimeUtils.parseDuration(to);
            Duration s = TimeUtils.parseDuration(step);
            if (s.isZero() || s.isNegative() || a.compareTo(b) > 0) {
                throw new IllegalArgumentException("'" + spec + "': FROM must not exceed TO and STEP must be positive");
            }
            for (Duration v = a; v.compareTo(b) <= 0; v = v.plus(s)) {
                values.add(v.toString());
            }
        }
        return new SweepParameter(path, family, List.copyOf(values));
    }

    /** The reason codes this setting can change (all codes for a setting outside the detectors). */
    public Set<String> affectedReasons() {
        String code = FAMILY_CODES.get(family);
        return code == null ? Set.of() : Set.of(code);
    }
}
