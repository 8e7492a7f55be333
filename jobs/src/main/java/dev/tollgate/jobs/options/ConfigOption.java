package dev.tollgate.jobs.options;

import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** The {@code --config} option shared by commands that load program policies. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration directory holding tollgate.yaml and programs/*.yaml "
                    + "(default: the bundled copy of the repository's config/).")
    public Path dir;

    public TollgateConfig load() {
        return load(Map.of());
    }

    /** The configuration with settings overridden by dotted path (see {@link ConfigLoader#load(Path, Map)}). */
    public TollgateConfig load(Map<String, String> overrides) {
        return dir == null ? new ConfigLoader().loadBundled(overrides) : new ConfigLoader().load(dir, overrides);
    }
}
