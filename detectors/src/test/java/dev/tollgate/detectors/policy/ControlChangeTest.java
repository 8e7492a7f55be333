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

    /**
     * Every path read only at start-up (parsing, event time, the join's retention, reference files) is refused with
     * its name and the reason, instead of being accepted and never applied; the rest of a change is applied.
     */
    @Test
    void refusesWhatTheRunningJobCannotChangeNamingThePath() {
        Map<String, String> settings = Map.of("time.outOfOrderness", "PT1M", "time.sourceIdleness", "PT1S",
                "time.futureBound", "PT1H", "time.clickRetention", "P1D", "maxRecordBytes", "1024",
                "feeds.aliexpress.timeZone", "UTC", "version", "x", "detectors.geo.ipRanges", "other.csv",
                "detectors.bot.dataCentreFile", "dc.csv");
        settings.forEach((path, value) -> assertThatThrownBy(() -> loader.apply(base,
                new ControlChange("v6", Map.of(path, value), Map.of()))).as(path)
                .hasMessageContaining("settings." + path).hasMessageContaining("cannot change while the job runs"));
        assertThatThrownBy(() -> loader.apply(base, new ControlChange("v7", Map.of(),
                Map.of("aliexpress-portals", Map.of("terms.attributionWindow.window", "P30D")))))
                .hasMessageContaining("programs.aliexpress-portals.terms.attributionWindow.window")
                .hasMessageContaining("attribution join");
        TollgateConfig applied = loader.apply(base, new ControlChange("v8",
                Map.of("time.finalityDelay", "PT10M", "detectors.cookieStuffing.delayWindow", "P30D"), Map.of()));
        assertThat(applied.settings().time().finalityDelay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(applied.settings().detectors().cookieStuffing().delayWindow()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aChangeKeepsTheEvidenceKey() {
        var key = dev.tollgate.detectors.signing.EvidenceKey.of("e".repeat(40));
        assertThat(loader.apply(base.withEvidenceKey(key), new ControlChange("v9",
                Map.of("detectors.bot.maxClicksPerUser", "6"), Map.of())).evidenceKey()).isEqualTo(key);
    }
}
