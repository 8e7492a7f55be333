package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Assessment;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** A detector or term set to {@code shadow} is recorded in the verdict and never changes the decision. */
class ShadowModeTest {

    private static TollgateConfig shadowConfig(Path dir) throws IOException {
        Path src = Path.of("..", "config");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path portals = dir.resolve("programs/aliexpress-portals.yaml");
        Files.writeString(portals, Files.readString(portals).replace("  BOT_TRAFFIC: exclude", "  BOT_TRAFFIC: shadow"));
        Path bestprice = dir.resolve("programs/aliexpress-bestprice.yaml");
        Files.writeString(bestprice, Files.readString(bestprice).replace(
                "  trackingBlocked:\n    # \"5. ... accept all cookies and not limit them in any way, either with your browser, "
                        + "or with an ad blocker\"\n    severity: exclude",
                "  trackingBlocked:\n    severity: shadow"));
        return new ConfigLoader().load(dir);
    }

    @Test
    void shadowFindingsAreRecordedButNeverDecide(@TempDir Path dir) throws IOException {
        VerdictEngine engine = new VerdictEngine(shadowConfig(dir));
        Assessment bot = engine.assess(new OrderCase("o1", java.util.List.of(order("o1").build()),
                click("c1").userAgent("python-requests/2.31.0").build(), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), Long.MIN_VALUE, false));
        assertThat(bot.decision()).isEqualTo(Decision.CREDIT);
        assertThat(bot.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ReasonCode.BOT_TRAFFIC);
            assertThat(f.severity().wire()).isEqualTo("shadow");
        });
        assertThat(bot.score()).isZero();

        Assessment blocked = engine.assess(new OrderCase("o2", java.util.List.of(
                order("o2").program("aliexpress-bestprice").build()),
                click("c1").program("aliexpress-bestprice").adBlocker(true).build(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), Long.MIN_VALUE, false));
        assertThat(blocked.decision()).isEqualTo(Decision.CREDIT);
        assertThat(blocked.findings()).extracting(f -> f.severity().wire()).containsExactly("shadow");
    }
}
