package dev.tollgate.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository the tools run from is: its cluster distribution and lean job jar are found from there. */
final class Repository {
    private Repository() {
    }

    /**
     * The {@code tollgate.home} system property (bin/tollgate sets it), else the nearest directory upwards from the
     * working directory that holds {@code cluster/conf/config.yaml}.
     */
    static Path root() {
        String set = System.getProperty("tollgate.home");
        if (set != null) {
            return Path.of(set).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("cluster/conf/config.yaml"))) {
                return d;
            }
        }
        throw new IllegalStateException("not inside a Tollgate checkout (no cluster/conf/config.yaml above "
                + Path.of("").toAbsolutePath() + "); run bin/tollgate or set -Dtollgate.home");
    }
}
