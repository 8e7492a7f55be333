package dev.tollgate.detectors.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlChangeTest {
    private final ConfigLoader loader = new ConfigLoader();
    private final TollgateConfig base = loader.loadBundled();

    @Test
    void appliesThresholdsAndModesAndVersionsThePolicies() {
        TollgateConfig changed = loader.apply(base, new ControlChange("2026-11-23.live-1",
                Map.of("detectors.bot.maxClicksPerUser", "6", "detectors.cookieStuffing.burstWindow", "PT4S"),
                Map.of("aliexpress-bestprice", Map.of("terms.trackingBlocked.severity", "shadow",
                        "detectors.BOT_TRAFFIC", "review"))));
        assertThat(changed.settings().detectors().bot().maxClicksPerUser()).isEqualTo(6);
        assertThat(changed.settings().detectors().cookieStuffing().burstWindow()).isEqualTo(Duration.ofSeconds(4));
        assertThat(changed.program("aliexpress-bestprice").terms().trackingBlocked().severity())
                .isEqualTo(Severity.SHADOW);
        assertThat(changed.program("aliexpress-bestprice").detectorSeverity("BOT_TRAFFIC")).isEqualTo(Severity.REVIEW);
        assertThat(changed.program("aliexpress-megabonus").terms().trackingBlocked().severity())
                .isEqualTo(Severity.EXCLUDE);
        assertThat(changed.policyVersion("alibaba-awin")).startsWith("alibaba-awin@2026-11-23.live-1#")
                .isNotEqualTo(base.policyVersion("alibaba-awin"));
        assertThat(base.settings().detectors().bot().maxClicksPerUser()).as("the base is untouched").isEqualTo(12);
    }

    @Test
    void rejectsAnInvalidChangeNamingTheField() {
        assertThatThrownBy(() -> loader.apply(base, new ControlChange("v2",
                Map.of("detectors.bot.maxClicksPerUsr", "6"), Map.of())))
                .hasMessageContaining("control change 'v2'").hasMessageContaining("settings.detectors.bot.maxClicksPerUsr")
                .hasMessageContaining("no such setting");
        assertThatThrownBy(() -> loader.apply(base, new ControlChange("v3",
                Map.of("detectors.bot.maxClicksPerUser", "1"), Map.of())))
                .hasMessageContaining("must be at least 2");
        assertThatThrownBy(() -> loader.apply(base, new ControlChange("v4", Map.of(),
                Map.of("aliexpress-portals", Map.of("detectors.BOT_TRAFFIC", "block")))))
                .hasMessageContaining("'block' is not one of");
        assertThatThrownBy(() -> loader.apply(base, new ControlChange("v5", Map.of(),
                Map.of("no-such-program", Map.of("detectors.BOT_TRAFFIC", "off")))))
                .hasMessageContaining("unknown program");
    }
}
