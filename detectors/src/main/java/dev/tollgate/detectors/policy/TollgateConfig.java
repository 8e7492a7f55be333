package dev.tollgate.detectors.policy;

import dev.tollgate.detectors.signing.EvidenceKey;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Everything the analyzer enforces: global settings plus one validated policy per program, each with the policy version
 * string that goes into its verdicts ({@code id@version#digest}, the digest covering the effective terms and the
 * settings, so any edit shows). The evidence key (which hashes IPs in evidence) is a secret of the deployment, not a
 * term: it is in no digest, and the loader gives {@link EvidenceKey#DEVELOPMENT} until the caller sets the real one.
 */
public record TollgateConfig(Settings settings, Map<String, ProgramPolicy> programs,
                             Map<String, String> policyVersions, EvidenceKey evidenceKey) implements Serializable {

    public TollgateConfig(Settings settings, Map<String, ProgramPolicy> programs, Map<String, String> policyVersions) {
        this(settings, programs, policyVersions, EvidenceKey.DEVELOPMENT);
    }

    /** The same programs under other settings (policy versions unchanged: callers change operational bounds). */
    public TollgateConfig withSettings(Settings newSettings) {
        return new TollgateConfig(newSettings, programs, policyVersions, evidenceKey);
    }

    /** The same configuration hashing evidence IPs under {@code key}. */
    public TollgateConfig withEvidenceKey(EvidenceKey key) {
        return new TollgateConfig(settings, programs, policyVersions, key);
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
