package dev.tollgate.tools.chaos;

import dev.tollgate.jobs.kafka.StreamingConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos run of CI (`bin/tollgate chaos` runs the long one): 100,000 events of generated traffic through a
 * real broker into the job on a multi-process cluster, three TaskManagers killed with SIGKILL and started again, the
 * broker restarted and the JobManager killed and the job resubmitted from its retained checkpoint; the verdict topic
 * read {@code read_committed} then holds every order's versions exactly once and the replay's final verdicts.
 */
@Timeout(1500)
class ChaosITCase {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void nothingIsLostOrDuplicatedAcrossKillsAndRestarts(@TempDir Path work) throws Exception {
        PrintWriter log = new PrintWriter(System.err, true);
        ChaosRun.Report report = new ChaosRun(REPO, work, log).run(new ChaosRun.Plan(100_000, 3, true, true, 7,
                Duration.ofMinutes(10), StreamingConfiguration.Backend.HASHMAP));
        log.print(report.text());
        log.flush();
        assertThat(report.disruptions()).extracting(ChaosRun.Disruption::what)
                .filteredOn(w -> w.startsWith("SIGKILL taskmanager")).hasSize(3);
        assertThat(report.disruptions()).extracting(ChaosRun.Disruption::what)
                .anyMatch(w -> w.startsWith("broker restart")).anyMatch(w -> w.startsWith("SIGKILL jobmanager"));
        assertThat(report.orders()).isGreaterThan(10_000);
        assertThat(report.lost()).as(report.text()).isZero();
        assertThat(report.duplicated()).as(report.text()).isZero();
        assertThat(report.mismatched()).as(report.text()).isZero();
    }
}
