package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer.Kind;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.testing.Cases;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClickTrailAnalyzerTest {
    private static final long T0 = 1_790_000_000_000L;
    private final ClickTrailAnalyzer analyzer = new ClickTrailAnalyzer(Cases.CONFIG.settings().detectors(),
            Duration.ofDays(30).toMillis());

    private static TrailClick c(String id, long offsetMs, String program, String publisher, String user,
                                Integer interactions) {
        return new TrailClick(id, T0 + offsetMs, program, publisher, user, interactions);
    }

    private static List<String> detectors(ClickSignal s) {
        return s.findings().stream().map(ClickSignal.TrailFinding::detector).toList();
    }

    @Test
    void findsACrossProgramBurstWithoutInteractionEvenWhenLaterClicksRevealIt() {
        List<TrailClick> trail = new ArrayList<>(List.of(
                c("a", 0, "aliexpress-portals", "p1", null, 0),
                c("b", 1_200, "alibaba-awin", "p1", null, null),
                c("c", 3_000, "alibaba-cashback-us", "p1", null, 0)));
        ClickSignal first = analyzer.signal(Kind.DEVICE, "device:d", trail, 0);
        assertThat(detectors(first)).containsExactly(ClickTrailAnalyzer.BURST);
        assertThat(first.findings().get(0).evidence()).contains("\"burstPrograms\":3", "\"spanMs\":3000");
        assertThat(analyzer.signal(Kind.DEVICE, "device:d", trail.subList(0, 2), 0).findings()).isEmpty();
    }

    @Test
    void aPersonWhoInteractsOrTakesLongerIsNoBurst() {
        List<TrailClick> interacted = List.of(c("a", 0, "x", "p1", null, 4), c("b", 1_000, "y", "p1", null, 0),
                c("c", 2_000, "z", "p1", null, 0));
        assertThat(analyzer.signal(Kind.IP, "ip:h", interacted, 0).findings()).isEmpty();
        List<TrailClick> slow = List.of(c("a", 0, "x", "p1", null, 0), c("b", 6_000, "y", "p1", null, 0),
                c("c", 12_500, "z", "p1", null, 0));
        assertThat(analyzer.signal(Kind.IP, "ip:h", slow, 0).findings()).isEmpty();
        assertThat(analyzer.signal(Kind.USER, "user:u", interacted.subList(1, 3), 0).findings()).isEmpty();
    }

    @Test
    void findsVelocityAboveTheSubjectsLimitButNotAPersonClickingTwice() {
        List<TrailClick> flood = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            flood.add(c("f" + i, i * 4_000L + (i % 3) * 700L, "p", "pub", "u", 2));
        }
        assertThat(detectors(analyzer.signal(Kind.DEVICE, "device:d", flood, 0))).contains(ClickTrailAnalyzer.VELOCITY);
        assertThat(analyzer.signal(Kind.IP, "ip:h", flood, 0).findings()).extracting(ClickSignal.TrailFinding::detector)
                .doesNotContain(ClickTrailAnalyzer.VELOCITY);
        List<TrailClick> twice = List.of(c("a", 0, "p", "pub", "u", 2), c("b", 20_000, "p", "pub", "u", 1));
        assertThat(analyzer.signal(Kind.USER, "user:u", twice, 1).findings()).isEmpty();
    }

    @Test
    void findsClockworkTimingButNotHumanIrregularity() {
        List<TrailClick> clockwork = new ArrayList<>();
        List<TrailClick> human = new ArrayList<>();
        long[] humanGaps = {0, 40_000, 95_000, 310_000, 330_000, 900_000};
        for (int i = 0; i < 6; i++) {
            clockwork.add(c("k" + i, i * 120_000L + (i % 2) * 900L, "p", "pub", "u", 1));
            human.add(c("h" + i, humanGaps[i], "p", "pub", "u", 1));
        }
        ClickSignal bot = analyzer.signal(Kind.USER, "user:u", clockwork, 5);
        assertThat(detectors(bot)).containsExactly(ClickTrailAnalyzer.REGULARITY);
        assertThat(analyzer.signal(Kind.USER, "user:u", human, 5).findings()).isEmpty();
    }

    @Test
    void findsManyAccountsOnOneDeviceButNotAFamily() {
        List<TrailClick> farm = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            farm.add(c("a" + i, i * 3_600_000L, "p", "pub", "user" + i, 3));
        }
        assertThat(detectors(analyzer.signal(Kind.DEVICE, "device:d", farm, 0)))
                .containsExactly(ClickTrailAnalyzer.ACCOUNTS);
        assertThat(analyzer.signal(Kind.DEVICE, "device:d", farm.subList(0, 3), 0).findings()).isEmpty();
    }

    @Test
    void listsEarlierClicksOfOtherPublishersForTheSameProgramOnly() {
        List<TrailClick> trail = List.of(
                c("other-program", 0, "alibaba-awin", "p0", "u", 1),
                c("same-pub", 1_000, "aliexpress-portals", "p2", "u", 1),
                c("earlier", 2_000, "aliexpress-portals", "p1", "u", 1),
                c("last", 600_000, "aliexpress-portals", "p2", "u", 1));
        ClickSignal s = analyzer.signal(Kind.USER, "user:u", trail, 3);
        assertThat(s.priors()).extracting(ClickSignal.PriorClick::clickId).containsExactly("earlier");
        assertThat(analyzer.signal(Kind.IP, "ip:h", trail, 3).priors()).isEmpty();
    }

    @Test
    void aNewClickChangesLaterClicksPriorsButNeverEarlierOnes() {
        // prior clicks look back only: ahead, a click reaches as far as the prior lookback; behind, only as far as a
        // finding spans (a day of accounts on a device, an hour of regular timing)
        assertThat(analyzer.influenceAfterMs(Kind.USER)).isEqualTo(analyzer.retentionMs(Kind.USER));
        assertThat(analyzer.influenceBeforeMs(Kind.USER)).isLessThan(analyzer.influenceAfterMs(Kind.USER));
        assertThat(analyzer.influenceBeforeMs(Kind.DEVICE))
                .isEqualTo(Cases.CONFIG.settings().detectors().bot().accountsWindow().toMillis());
        assertThat(analyzer.influenceBeforeMs(Kind.IP)).isEqualTo(analyzer.influenceAfterMs(Kind.IP));
    }
}
