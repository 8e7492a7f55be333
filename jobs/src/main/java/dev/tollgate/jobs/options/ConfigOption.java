package dev.tollgate.jobs.options;

import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.signing.EvidenceKey;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@code --config} option shared by commands that load program policies, and the key that hashes evidence IPs. */
public final class ConfigOption {
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration directory holding tollgate.yaml and programs/*.yaml "
                    + "(default: the bundled copy of the repository's config/).")
    public Path dir;

    @Option(names = "--evidence-key-file", paramLabel = "FILE",
            description = "Secret (at least 32 characters, first non-comment line) that keys the HMAC of IPs shown "
                    + "in evidence (ipHash). Default: the " + EvidenceKey.ENVIRONMENT_VARIABLE + " environment "
                    + "variable, else a public development key that protects nothing.")
    public Path evidenceKeyFile;

    public TollgateConfig load() {
        return load(Map.of());
    }

    /** The configuration with settings overridden by dotted path (see {@link ConfigLoader#load(Path, Map)}). */
    public TollgateConfig load(Map<String, String> overrides) {
        TollgateConfig cfg = dir == null ? new ConfigLoader().loadBundled(overrides)
                : new ConfigLoader().load(dir, overrides);
        return cfg.withEvidenceKey(evidenceKey());
    }

    /** The evidence key of the file, else of the environment, else the development key (said once per process). */
    public EvidenceKey evidenceKey() {
        EvidenceKey key;
        try {
            key = EvidenceKey.fromFileOrEnvironment(evidenceKeyFile, System.getenv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evidence key file " + evidenceKeyFile + ": "
                    + e.getMessage(), e);
        }
        if (key.isDevelopment() && !WARNED.getAndSet(true)) {
            System.err.println("tollgate: note: IPs in evidence are hashed with the public development key; set "
                    + EvidenceKey.ENVIRONMENT_VARIABLE + " or --evidence-key-file where verdicts leave this machine");
        }
        return key;
    }
}
