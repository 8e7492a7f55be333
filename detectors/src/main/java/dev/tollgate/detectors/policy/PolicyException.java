package dev.tollgate.detectors.policy;

/** A configuration file that cannot be used; the message names the file, the field and the problem. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String file, String field, String problem) {
        super("invalid configuration " + file + (field == null || field.isEmpty() ? "" : ": field '" + field + "'")
                + ": " + problem);
    }
}
