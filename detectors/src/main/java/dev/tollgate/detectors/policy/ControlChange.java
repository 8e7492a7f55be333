package dev.tollgate.detectors.policy;

import java.io.Serializable;
import java.util.Map;

/**
 * A live change of thresholds and modes for the running job (the control topic): dotted paths into tollgate.yaml
 * ({@code detectors.bot.maxClicksPerUser}) and, per program, into its policy ({@code terms.trackingBlocked.severity},
 * {@code detectors.BOT_TRAFFIC}), each with its new value as the files would write it. Each change replaces the
 * previous one: it states every override in force.
 *
 * @param version names the change; it becomes part of every policy version it touches
 */
public record ControlChange(String version, Map<String, String> settings, Map<String, Map<String, String>> programs)
        implements Serializable {
}
