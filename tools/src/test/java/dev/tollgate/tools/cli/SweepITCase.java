package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.tools.evaluate.SweepParameter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A sweep over traffic built so that the best threshold is known: bots click 10 times a minute, people 6 times. */
@Timeout(300)
class SweepITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long[] GAPS_MS = {2_000, 9_000, 3_000, 7_500, 1_500, 6_000, 2_500, 8_000, 4_000};

    private static void device(List<String> lines, String id, int clicks, long start, boolean bot) {
        long t = start;
        String label = bot ? "{\"decision\":\"EXCLUDE\",\"reasons\":[\"BOT_TRAFFIC\"]}"
                : "{\"decision\":\"CREDIT\",\"reasons\":[]}";
        for (int i = 0; i < clicks; i++) {
            lines.add("{\"type\":\"click\",\"eventId\":\"e-" + id + "-" + i + "\",\"clickId\":\"c-" + id + "-" + i
                    + "\",\"ts\":\"" + Instant.ofEpochMilli(t) + "\",\"program\":\"aliexpress-portals\","
                    + "\"publisherId\":\"p1\",\"deviceId\":\"" + id + "\",\"ip\":\"100.64." + (id.hashCode() & 0xff)
                    + "." + (i + 1) + "\",\"ipCountry\":\"NO\",\"placement\":\"link\",\"interactions\":2}");
            t += GAPS_MS[i % GAPS_MS.length];
        }
        long ordered = start + 30 * 60_000;
        for (String status : new String[] {"created", "paid", "completed"}) {
            lines.add("{\"type\":\"order\",\"eventId\":\"o-" + id + ":" + status + "\",\"orderId\":\"o-" + id
                    + "\",\"status\":\"" + status + "\",\"ts\":\"" + Instant.ofEpochMilli(ordered) + "\","
                    + "\"program\":\"aliexpress-portals\",\"clickId\":\"c-" + id + "-0\",\"deviceId\":\"" + id + "\","
                    + "\"amount\":{\"value\":\"20.00\",\"currency\":\"USD\"},\"label\":" + label + "}");
            ordered += 24 * 3_600_000L;
        }
    }

    @Test
    void theBestValueIsTheOneTheTrafficWasBuiltFor(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        long t0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
        for (int i = 0; i < 10; i++) {
            device(lines, "bot" + i, 10, t0 + i * 3_600_000L, true);
        }
        for (int i = 0; i < 30; i++) {
            device(lines, "person" + i, 6, t0 + 1_800_000L + i * 3_600_000L, false);
        }
        Path file = dir.resolve("sweep.jsonl");
        Files.write(file, lines);

        SweepCommand sweep = new SweepCommand();
        sweep.parallelism = new ParallelismOption();
        sweep.parallelism.value = 2;
        sweep.perJob = 4; // 11 scorings: two full jobs of four side by side and one of three
        List<SweepCommand.Point> points = sweep.sweep(List.of(file),
                List.of(SweepParameter.parse("bot.maxClicksPerDevice=3..12")));
        assertThat(points).hasSize(10);
        for (SweepCommand.Point p : points) {
            int value = Integer.parseInt(p.values().get("detectors.bot.maxClicksPerDevice"));
            var bot = p.evaluation().reason("BOT_TRAFFIC");
            if (value <= 5) {
                assertThat(bot.precision()).as("at %d people look like bots", value).isLessThan(0.5);
                assertThat(p.changedDecisions()).as("against the current 12, everyone changes").isEqualTo(40);
            } else if (value <= 9) {
                assertThat(bot.f1()).as("at %d", value).isEqualTo(1.0);
                assertThat(p.changedDecisions()).as("only the bots change").isEqualTo(10);
            } else {
                assertThat(bot.recall()).as("at %d the bots pass", value).isZero();
                assertThat(p.changedDecisions()).as("as the current 12").isZero();
            }
        }
    }

    @Test
    void readsNumberAndDurationRanges() {
        assertThat(SweepParameter.parse("bot.maxClicksPerDevice=6..20:4").values())
                .containsExactly("6", "10", "14", "18");
        assertThat(SweepParameter.parse("cookieStuffing.burstWindow=2s..6s:2s").values())
                .containsExactly("PT2S", "PT4S", "PT6S");
        assertThat(SweepParameter.parse("bot.regularityMaxCv=0.05..0.15:0.05").path())
                .isEqualTo("detectors.bot.regularityMaxCv");
    }
}
