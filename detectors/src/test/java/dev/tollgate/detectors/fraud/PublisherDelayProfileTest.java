package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;
import dev.tollgate.detectors.testing.Cases;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherDelayProfileTest {
    private static final long MIN = 60_000L;
    private final PublisherDelayProfile profile =
            new PublisherDelayProfile(Cases.CONFIG.settings().detectors().cookieStuffing());
    private final Random rnd = new Random(3);

    private List<Sample> samples(String publisher, int n, long minDelay, long maxDelay) {
        return samples(publisher, n, minDelay, maxDelay, MIN);
    }

    /** {@code n} orders, one every {@code every} ms of click time, with delays uniform in the range. */
    private List<Sample> samples(String publisher, int n, long minDelay, long maxDelay, long every) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long d = minDelay + (long) (rnd.nextDouble() * (maxDelay - minDelay));
            out.add(new Sample(publisher + "-o" + i, publisher + "-c" + i, publisher, i * every, d));
        }
        return out;
    }

    @Test
    void flagsAPublisherWhoseOrdersComeDaysAfterItsClicks() {
        var byPublisher = Map.of("honest-a", samples("honest-a", 80, 2 * MIN, 240 * MIN),
                "honest-b", samples("honest-b", 60, 5 * MIN, 300 * MIN),
                "stuffer", samples("stuffer", 25, 30 * 60 * MIN, 70 * 60 * MIN));
        assertThat(profile.flags("stuffer", byPublisher)).hasSize(25)
                .allSatisfy(f -> assertThat(f.evidence()).contains("\"publisherId\":\"stuffer\""));
        assertThat(profile.flags("honest-a", byPublisher)).isEmpty();
        assertThat(profile.flags("honest-b", byPublisher)).isEmpty();
    }

    @Test
    void saysNothingWithoutEnoughOrdersOnEitherSide() {
        var fewStuffed = Map.of("honest", samples("honest", 80, 2 * MIN, 240 * MIN),
                "stuffer", samples("stuffer", 10, 30 * 60 * MIN, 70 * 60 * MIN));
        assertThat(profile.flags("stuffer", fewStuffed)).isEmpty();
        var smallBaseline = Map.of("honest", samples("honest", 20, 2 * MIN, 240 * MIN),
                "stuffer", samples("stuffer", 25, 30 * 60 * MIN, 70 * 60 * MIN));
        assertThat(profile.flags("stuffer", smallBaseline)).isEmpty();
    }

    @Test
    void aPublisherWhoseBuyersAreMerelyQuickerIsNotStuffing() {
        var byPublisher = Map.of("honest", samples("honest", 80, 30 * MIN, 600 * MIN),
                "coupon-site", samples("coupon-site", 40, 1 * MIN, 10 * MIN));
        assertThat(profile.flags("coupon-site", byPublisher)).isEmpty();
    }

    /**
     * A program carried by one big honest publisher next to a small one whose buyers order within minutes (a coupon
     * or pop-up site): against that small remainder the big publisher's ordinary delays look many times longer, but
     * a publisher carrying most of a program's orders is the program's norm, not an outlier, and is not judged.
     */
    @Test
    void thePublisherCarryingMostOfTheProgramIsItsNormNotAnOutlier() {
        var byPublisher = Map.of("main", samples("main", 400, 20 * MIN, 400 * MIN),
                "coupon-site", samples("coupon-site", 100, 1 * MIN, 8 * MIN),
                "stuffer", samples("stuffer", 25, 30 * 60 * MIN, 70 * 60 * MIN));
        assertThat(profile.flags("main", byPublisher)).isEmpty();
        assertThat(profile.flags("stuffer", byPublisher)).hasSize(25);
    }

    /**
     * Only the newest {@link PublisherDelayProfile#MAX_SAMPLES_PER_PUBLISHER} orders of a publisher are kept, so the
     * share is judged by order rate over the time the samples cover, not by the capped counts: 400 orders in two days
     * outweigh 350 and 60 spread over a month.
     */
    @Test
    void theShareOfABigPublisherIsItsOrderRateNotItsCappedSampleCount() {
        long day = 24 * 60 * MIN;
        var byPublisher = Map.of(
                "main", samples("main", PublisherDelayProfile.MAX_SAMPLES_PER_PUBLISHER, 20 * MIN, 400 * MIN,
                        2 * day / PublisherDelayProfile.MAX_SAMPLES_PER_PUBLISHER),
                "coupon-site", samples("coupon-site", 350, 1 * MIN, 8 * MIN, 30 * day / 350),
                "stuffer", samples("stuffer", 60, 30 * 60 * MIN, 70 * 60 * MIN, 30 * day / 60));
        assertThat(profile.flags("main", byPublisher)).isEmpty();
        assertThat(profile.flags("stuffer", byPublisher)).isNotEmpty();
    }

    @Test
    void oneEvaluationOfTheProgramFlagsWhatEachPublisherJudgedAloneFlags() {
        var byPublisher = Map.of("honest-a", samples("honest-a", 80, 2 * MIN, 240 * MIN),
                "honest-b", samples("honest-b", 60, 5 * MIN, 300 * MIN),
                "stuffer", samples("stuffer", 25, 30 * 60 * MIN, 70 * 60 * MIN),
                "slow", samples("slow", 30, 20 * 60 * MIN, 90 * 60 * MIN));
        var evaluated = profile.evaluate(byPublisher);
        List<PublisherDelayProfile.Flag> alone = new ArrayList<>();
        byPublisher.keySet().forEach(p -> alone.addAll(profile.flags(p, byPublisher)));
        assertThat(evaluated.values()).containsExactlyInAnyOrderElementsOf(alone);
        assertThat(evaluated).containsKeys("stuffer-o0", "slow-o0").doesNotContainKey("honest-a-o0");
    }

    @Test
    void theBaselineIsTheProgramLessOneOccurrenceOfEachOfThePublishersDelays() {
        double[] all = {1, 2, 2, 3, 5, 5, 5, 8};
        assertThat(PublisherDelayProfile.without(all, new double[] {2, 5, 5})).containsExactly(1, 2, 3, 5, 8);
        assertThat(PublisherDelayProfile.without(all, new double[] {})).containsExactly(all);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublisherDelayProfile.without(all,
                new double[] {4})).isInstanceOf(IllegalArgumentException.class);
    }

    /** Cutting to the newest N at evaluation keeps the same samples as cutting on every arrival. */
    @Test
    void newestByPublisherKeepsEachPublishersNewestSamplesInClickOrder() {
        java.util.List<Sample> all = new java.util.ArrayList<>();
        int n = PublisherDelayProfile.MAX_SAMPLES_PER_PUBLISHER + 25;
        for (int i = n - 1; i >= 0; i--) {
            all.add(new Sample("a" + i, "ca" + i, "big", 1_000L * i, 60_000));
        }
        all.add(new Sample("b1", "cb1", "small", 5, 60_000));
        java.util.List<Sample> evicted = new java.util.ArrayList<>();
        var byPublisher = PublisherDelayProfile.newestByPublisher(all, evicted);
        assertThat(byPublisher.get("big")).hasSize(PublisherDelayProfile.MAX_SAMPLES_PER_PUBLISHER)
                .isSortedAccordingTo(PublisherDelayProfile.BY_CLICK);
        assertThat(byPublisher.get("big").get(0).orderId()).isEqualTo("a25");
        assertThat(evicted).extracting(Sample::orderId).hasSize(25).contains("a0", "a24").doesNotContain("a25");
        assertThat(byPublisher.get("small")).extracting(Sample::orderId).containsExactly("b1");
    }

    @Test
    void anEvaluationJudgesOrdersPlacedBeforeItWithinTheWindowAndTheNewestPerPublisher() {
        long day = 86_400_000L;
        long at = 100 * day;
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("old", "c-old", "p1", at - 91 * day, day));
        samples.add(new Sample("later", "c-later", "p1", at - day, 2 * day));
        for (int i = 0; i < PublisherDelayProfile.MAX_SAMPLES_PER_PUBLISHER + 3; i++) {
            samples.add(new Sample("o" + i, "c" + i, "p2", at - 10 * day + i * 1000L, 60_000L));
        }
        var judged = PublisherDelayProfile.select(samples, at, java.time.Duration.ofDays(90));
        assertThat(judged.byPublisher()).containsOnlyKeys("p2");
        assertThat(judged.judged()).isEqualTo(PublisherDelayProfile.MAX_SAMPLES_PER_PUBLISHER);
        assertThat(judged.gone()).extracting(Sample::orderId).as("too old, and the three oldest past the cap; the "
                + "order placed after the evaluation waits for a later one").containsExactlyInAnyOrder("old", "o0",
                "o1", "o2");
    }
}
