package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.rules.Evidence;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * COOKIE_STUFFING by delay profile: stuffed cookies wait for purchases the publisher had no part in, so its orders
 * arrive long after its clicks compared with the program's normal traffic (REASON-CODES; abnormally short delays are
 * hijack or bot territory, not this). For one program, compares a publisher's click-to-order delays with everyone
 * else's by a two-sample Kolmogorov-Smirnov test (Commons Math). A publisher is abnormal when it has at least
 * {@code delayMinPublisherOrders} (20) orders against at least {@code delayMinProgramOrders} (50) baseline orders,
 * the test rejects equal distributions at {@code delayMaxPValue} (0.001) and its median delay is at least
 * {@code delayMinRatio} (4) times the baseline median. A publisher carrying more than {@code delayMaxPublisherShare}
 * (0.5) of the program's orders (by order rate, see {@link #shares}) is not judged: it is the program's norm, and the remainder (often a small coupon or
 * pop-up site whose buyers order within minutes) is no baseline for it. Its orders whose own delay lies above the baseline's 75th
 * percentile are then flagged; quick purchases through the same publisher are not. Pure and order-independent: the
 * verdict depends only on the samples, never on their arrival.
 */
public final class PublisherDelayProfile {
    public static final String DETECTOR = "cookieStuffing.delayProfile";
    /** The newest samples kept per publisher. */
    public static final int MAX_SAMPLES_PER_PUBLISHER = 400;
    private static final long HOUR_MS = 3_600_000L;

    /** One order's delay from its click, for one publisher of the program. */
    public record Sample(String orderId, String clickId, String publisherId, long clickTs, long delayMs) {
    }

    /** An order of an abnormal publisher, with the evidence to attach to its click. */
    public record Flag(String orderId, String clickId, String evidence) {
    }

    private final DetectorSettings.CookieStuffing settings;

    public PublisherDelayProfile(DetectorSettings.CookieStuffing settings) {
        this.settings = settings;
    }

    /** Click order, then order id: the order in which samples age out of a publisher's newest. */
    public static final java.util.Comparator<Sample> BY_CLICK = java.util.Comparator.comparingLong(Sample::clickTs)
            .thenComparing(Sample::orderId);

    /**
     * Groups a program's samples by publisher, each publisher's in click order and cut to its newest
     * {@link #MAX_SAMPLES_PER_PUBLISHER}; the samples cut away go to {@code evicted}. Keeping the newest N of
     * everything seen gives the same set whether samples are cut one by one as they arrive or all at once here.
     */
    public static Map<String, List<Sample>> newestByPublisher(Iterable<Sample> samples, List<Sample> evicted) {
        Map<String, List<Sample>> byPublisher = new java.util.HashMap<>();
        for (Sample s : samples) {
            byPublisher.computeIfAbsent(s.publisherId(), k -> new java.util.ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<Sample>> e : byPublisher.entrySet()) {
            List<Sample> list = e.getValue();
            list.sort(BY_CLICK);
            if (list.size() > MAX_SAMPLES_PER_PUBLISHER) {
                int cut = list.size() - MAX_SAMPLES_PER_PUBLISHER;
                evicted.addAll(list.subList(0, cut));
                e.setValue(new java.util.ArrayList<>(list.subList(cut, list.size())));
            }
        }
        return byPublisher;
    }

    /**
     * What an evaluation at event time {@code at} judges, and which samples leave the profile for good.
     *
     * @param byPublisher the samples judged, per publisher in click order
     * @param gone samples that no later evaluation would judge either: a click older than the window before
     *     {@code at} (older still later), or cut by the cap (a sample cut is older than the publisher's newest
     *     {@link #MAX_SAMPLES_PER_PUBLISHER} judged, which stay judged until they are older themselves)
     */
    public record Selection(Map<String, List<Sample>> byPublisher, List<Sample> gone) {
        /** How many samples are judged. */
        public int judged() {
            int n = 0;
            for (List<Sample> list : byPublisher.values()) {
                n += list.size();
            }
            return n;
        }
    }

    /**
     * The samples of one program an evaluation at event time {@code at} judges: of orders placed before {@code at},
     * whose click lies within {@code window} before it, the newest {@link #MAX_SAMPLES_PER_PUBLISHER} per publisher.
     * Samples of orders placed later are left for later evaluations, so an evaluation at {@code at} is the same
     * whether they have arrived yet (a BATCH replay has them all) or not (a stream): the flags, and what leaves the
     * profile when, depend on the samples alone, never on the order or the mode they arrive in.
     */
    public static Selection select(Iterable<Sample> samples, long at, java.time.Duration window) {
        long oldest = at - window.toMillis();
        List<Sample> visible = new java.util.ArrayList<>();
        List<Sample> gone = new java.util.ArrayList<>();
        for (Sample s : samples) {
            if (s.clickTs() < oldest) {
                gone.add(s);
            } else if (s.clickTs() + s.delayMs() < at) {
                visible.add(s);
            }
        }
        return new Selection(newestByPublisher(visible, gone), gone);
    }

    /** The orders of {@code publisher} to flag, given every publisher's samples in the program. */
    public List<Flag> flags(String publisher, Map<String, ? extends Collection<Sample>> byPublisher) {
        return new Program(byPublisher).flags(publisher);
    }

    /**
     * Every order to flag in a program, keyed by order id: one evaluation of all its publishers. The program's delays
     * are sorted once and each publisher's baseline (everyone else) is taken from them by a linear merge, so an
     * evaluation costs O(N log N + P x N) for N samples and P judged publishers, not a sort per publisher.
     */
    public Map<String, Flag> evaluate(Map<String, ? extends Collection<Sample>> byPublisher) {
        Program program = new Program(byPublisher);
        Map<String, Flag> out = new TreeMap<>();
        for (String publisher : new TreeMap<>(byPublisher).keySet()) {
            for (Flag f : program.flags(publisher)) {
                out.put(f.orderId(), f);
            }
        }
        return out;
    }

    /** One program's samples, prepared once per evaluation. */
    private final class Program {
        private final Map<String, ? extends Collection<Sample>> byPublisher;
        /** Every delay of the program, ascending. */
        private final double[] all;
        private final Map<String, Double> shares;

        Program(Map<String, ? extends Collection<Sample>> byPublisher) {
            this.byPublisher = byPublisher;
            int n = 0;
            for (Collection<Sample> samples : byPublisher.values()) {
                n += samples.size();
            }
            all = new double[n];
            int i = 0;
            for (Collection<Sample> samples : byPublisher.values()) {
                for (Sample s : samples) {
                    all[i++] = s.delayMs();
                }
            }
            Arrays.sort(all);
            shares = shares(byPublisher);
        }

        List<Flag> flags(String publisher) {
            Collection<Sample> own = byPublisher.get(publisher);
            if (own == null || own.size() < settings.delayMinPublisherOrders()
                    || all.length - own.size() < settings.delayMinProgramOrders()
                    || shares.getOrDefault(publisher, 0.0) > settings.delayMaxPublisherShare()) {
                return List.of();
            }
            double[] mine = own.stream().mapToDouble(s -> (double) s.delayMs()).sorted().toArray();
            double[] baseline = without(all, mine);
            double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(mine, baseline);
            Percentile percentile = new Percentile();
            double baseMedian = percentile.evaluate(baseline, 50);
            double myMedian = percentile.evaluate(mine, 50);
            double baseP75 = percentile.evaluate(baseline, 75);
            if (p >= settings.delayMaxPValue() || myMedian < settings.delayMinRatio() * Math.max(baseMedian, 1)) {
                return List.of();
            }
            String evidence = Evidence.of("publisherId", publisher).and("publisherOrders", mine.length)
                    .and("publisherMedianDelayMin", Math.round(myMedian / 60_000))
                    .and("programMedianDelayMin", Math.round(baseMedian / 60_000))
                    .and("ksPValue", Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", p))).json();
            return own.stream().filter(s -> s.delayMs() > baseP75)
                    .sorted(Comparator.comparing(Sample::orderId))
                    .map(s -> new Flag(s.orderId(), s.clickId(), evidence)).toList();
        }
    }

    /** The ascending {@code all} less one occurrence of each value of the ascending {@code remove} (a sub-multiset). */
    static double[] without(double[] all, double[] remove) {
        double[] out = new double[all.length - remove.length];
        int o = 0;
        int r = 0;
        for (double v : all) {
            if (r < remove.length && v == remove[r]) {
                r++;
            } else if (o < out.length) {
                out[o++] = v;
            } else {
                r = -1;
                break;
            }
        }
        if (r != remove.length) {
            throw new IllegalArgumentException("not a part of the program's delays");
        }
        return out;
    }

    /**
     * Each publisher's share of the program's orders, by order rate: a publisher whose samples were capped at
     * {@link #MAX_SAMPLES_PER_PUBLISHER} has its rate over the span its newest samples cover, the others (all their
     * orders kept) over the span of the whole program's samples. Spans are at least an hour.
     */
    static Map<String, Double> shares(Map<String, ? extends Collection<Sample>> byPublisher) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Collection<Sample> samples : byPublisher.values()) {
            for (Sample s : samples) {
                first = Math.min(first, s.clickTs());
                last = Math.max(last, s.clickTs());
            }
        }
        double programSpan = Math.max(last - first, HOUR_MS);
        Map<String, Double> rates = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, ? extends Collection<Sample>> e : byPublisher.entrySet()) {
            Collection<Sample> samples = e.getValue();
            double span = programSpan;
            if (samples.size() >= MAX_SAMPLES_PER_PUBLISHER) {
                long from = Long.MAX_VALUE;
                long to = Long.MIN_VALUE;
                for (Sample s : samples) {
                    from = Math.min(from, s.clickTs());
                    to = Math.max(to, s.clickTs());
                }
                span = Math.max(to - from, HOUR_MS);
            }
            double rate = samples.size() / span;
            total += rate;
            rates.put(e.getKey(), rate);
        }
        Map<String, Double> shares = new HashMap<>();
        for (Map.Entry<String, Double> e : rates.entrySet()) {
            shares.put(e.getKey(), total == 0 ? 0 : e.getValue() / total);
        }
        return shares;
    }
}
