package dev.tollgate.tools.cli;

import dev.tollgate.tools.cluster.DashboardSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate dashboard}: the Grafana dashboard's panels drawn from Prometheus into a static HTML page. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Draws the panels of dashboards/grafana/tollgate-overview.json from a Prometheus server's data "
                + "into one static HTML page (inline SVG): the dashboards on a machine without Grafana.")
public final class DashboardCommand implements Callable<Integer> {
    @Option(names = "--prometheus", defaultValue = "http://127.0.0.1:9090", paramLabel = "URL",
            description = "Prometheus scraping the job (default: ${DEFAULT-VALUE}).")
    URI prometheus;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The HTML page to write.")
    Path output;

    @Option(names = "--range", defaultValue = "15m", paramLabel = "DURATION",
            converter = dev.tollgate.jobs.options.KafkaOptions.DurationConverter.class,
            description = "How far back to draw (default: ${DEFAULT-VALUE}).")
    Duration range;

    @Option(names = "--dashboard", paramLabel = "JSON", description = "The dashboard (default: the repository's).")
    Path dashboard;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path d = dashboard != null ? dashboard : Repository.root().resolve("dashboards/grafana/tollgate-overview.json");
        List<String> empty = new DashboardSnapshot(prometheus).render(d, range, List.of(), output);
        spec.commandLine().getErr().printf("tollgate dashboard: wrote %s%s%n", output,
                empty.isEmpty() ? "" : " (no data for: " + String.join("; ", empty) + ")");
        return 0;
    }
}
