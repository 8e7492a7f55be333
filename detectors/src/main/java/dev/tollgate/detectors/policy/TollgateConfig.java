package dev.tollgate.detectors.policy;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Everything the analyzer enforces: global settings plus one validated policy per program, each with the policy version
 * string that goes into its verdicts ({@code id@version#digest}, the digest covering the effective terms and the
 * settings, so any edit shows).
 */
public record TollgateConfig(Settings settings, Map<String, ProgramPolicy> programs,
                             Map<String, String> policyVersions) implements Serializable {

    /** The same programs under other settings (policy versions unchanged: callers change operational bounds). */
    public TollgateConfig withSettings(Settings newSettings) {
        return new TollgateConfig(newSettings, programs, policyVersions);
    }

    public ProgramPolicy program(String id) {
        return programs.get(id);
    }

    public boolean knows(String programId) {
        return programs.containsKey(programId);
    }

    public Set<String> programIds() {
        return programs.keySet();
    }

    public String policyVersion(String programId) {
        return policyVersions.get(programId);
    }
}
