package dev.tollgate.jobs.cli;

import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --config} option shared by commands that load program policies. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration directory holding tollgate.yaml and programs/*.yaml "
                    + "(default: the bundled copy of the repository's config/).")
    Path dir;

    TollgateConfig load() {
        return dir == null ? new ConfigLoader().loadBundled() : new ConfigLoader().load(dir);
    }
}
