package dev.tollgate.jobs.cli;

import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** The {@code --config} option shared by commands that load program policies. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration directory holding tollgate.yaml and programs/*.yaml "
                    + "(default: the bundled copy of the repository's config/).")
    Path dir;

    TollgateConfig load() {
        return load(Map.of());
    }

    /** The configuration with settings overridden by dotted path (see {@link ConfigLoader#load(Path, Map)}). */
    TollgateConfig load(Map<String, String> overrides) {
        return dir == null ? new ConfigLoader().loadBundled(overrides) : new ConfigLoader().load(dir, overrides);
    }
}
