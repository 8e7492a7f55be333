package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ClickSignal.PriorClick;
import dev.tollgate.detectors.model.ClickSignal.TrailFinding;
import dev.tollgate.detectors.rules.Evidence;
import dev.tollgate.detectors.rules.ReasonCode;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one subject's click trail (all clicks of one user, one device or one IP, in event-time order) and says, for a
 * click, what the trail shows about it:
 * <ul>
 *   <li>COOKIE_STUFFING, cross-program burst (device and IP trails): {@code burstMinPrograms} (3) or more programs
 *       within {@code burstWindow} (5 s), none of the clicks with a recorded interaction (REASON-CODES; industry data
 *       puts 98.7 % of stuffing within 5 s).</li>
 *   <li>BOT_TRAFFIC, velocity: more than {@code maxClicksPer*} clicks within {@code velocityWindow} (1 min).</li>
 *   <li>BOT_TRAFFIC, regular timing: {@code regularityMinClicks} (6) consecutive clicks whose intervals have a
 *       coefficient of variation under {@code regularityMaxCv} (0.1) at a mean under
 *       {@code regularityMaxMeanInterval} (10 min); people click irregularly.</li>
 *   <li>BOT_TRAFFIC, many accounts (device trail): more than {@code maxAccountsPerDevice} (3) user accounts within
 *       {@code accountsWindow} (24 h).</li>
 *   <li>Prior clicks (user and device trails): earlier clicks for the same program from another publisher, which the
 *       verdict stage weighs for CLICK_HIJACK once it knows when the order was placed.</li>
 * </ul>
 * Every window is one that contains the click, so evidence that arrives later (a burst revealed by later clicks) changes
 * the click's signal. Pure: the same trail always gives the same signal.
 */
public final class ClickTrailAnalyzer {
    /** The kinds of subject a trail follows. */
    public enum Kind { USER, DEVICE, IP }

    static final String BURST = "cookieStuffing.burst";
    static final String VELOCITY = "bot.velocity";
    static final String REGULARITY = "bot.regularTiming";
    static final String ACCOUNTS = "bot.accountsPerDevice";
    private static final int MAX_PRIORS = 5;

    private final DetectorSettings.CookieStuffing stuffing;
    private final DetectorSettings.Bot bot;
    private final long priorLookbackMs;

    /** @param priorLookbackMs how far back prior clicks matter: the longest attribution window */
    public ClickTrailAnalyzer(DetectorSettings settings, long priorLookbackMs) {
        this.stuffing = settings.cookieStuffing();
        this.bot = settings.bot();
        this.priorLookbackMs = priorLookbackMs;
    }

    /** How long a trail of this kind must remember a click. */
    public long retentionMs(Kind kind) {
        return Math.max(findingsMs(kind), kind == Kind.IP ? 0 : priorLookbackMs);
    }

    /** The widest span of clicks one finding of this kind of trail can cover (bursts, velocity, timing, accounts). */
    private long findingsMs(Kind kind) {
        long findings = Math.max(Math.max(stuffing.burstWindow().toMillis(), bot.velocityWindow().toMillis()),
                bot.regularityMaxMeanInterval().toMillis() * bot.regularityMinClicks());
        return kind == Kind.DEVICE ? Math.max(findings, bot.accountsWindow().toMillis()) : findings;
    }

    /**
     * How far before a new click other clicks' signals can change because of it: only through a finding that spans
     * both. Prior clicks look back, never forward, so a new click never changes an earlier click's priors.
     */
    public long influenceBeforeMs(Kind kind) {
        return findingsMs(kind);
    }

    /** How far after a new click other clicks' signals can change: a shared finding, or the new click as their prior. */
    public long influenceAfterMs(Kind kind) {
        return retentionMs(kind);
    }

    /**
     * @param trail the subject's clicks sorted by time (then click id)
     * @param index the click to judge
     */
    public ClickSignal signal(Kind kind, String subject, List<TrailClick> trail, int index) {
        TrailClick t = trail.get(index);
        List<TrailFinding> findings = new ArrayList<>();
        long newest = t.ts();
        if (kind != Kind.USER) {
            newest = Math.max(newest, burst(trail, index, kind, findings));
        }
        newest = Math.max(newest, velocity(trail, index, kind, findings));
        newest = Math.max(newest, regularity(trail, index, findings));
        if (kind == Kind.DEVICE) {
            newest = Math.max(newest, accounts(trail, index, findings));
        }
        List<PriorClick> priors = kind == Kind.IP ? List.of() : priors(trail, index);
        return new ClickSignal(t.clickId(), subject, newest, List.copyOf(findings), priors);
    }

    private long burst(List<TrailClick> trail, int index, Kind kind, List<TrailFinding> out) {
        TrailClick t = trail.get(index);
        if (!t.noInteraction()) {
            return t.ts();
        }
        long w = stuffing.burstWindow().toMillis();
        for (int start = first(trail, t.ts() - w); start <= index; start++) {
            long from = trail.get(start).ts();
            Set<String> programs = new TreeSet<>();
            long last = from;
            int clicks = 0;
            for (int j = start; j < trail.size() && trail.get(j).ts() <= from + w; j++) {
                if (trail.get(j).noInteraction()) {
                    programs.add(trail.get(j).program());
                    last = trail.get(j).ts();
                    clicks++;
                }
            }
            if (programs.size() >= stuffing.burstMinPrograms() && last >= t.ts()) {
                out.add(new TrailFinding(ReasonCode.COOKIE_STUFFING.name(), BURST,
                        Evidence.of("burstPrograms", programs.size()).and("clicks", clicks)
                                .and("spanMs", last - from).and("via", kind).json()));
                return last;
            }
        }
        return t.ts();
    }

    private long velocity(List<TrailClick> trail, int index, Kind kind, List<TrailFinding> out) {
        TrailClick t = trail.get(index);
        int max = switch (kind) {
            case IP -> bot.maxClicksPerIp();
            case DEVICE -> bot.maxClicksPerDevice();
            case USER -> bot.maxClicksPerUser();
        };
        long w = bot.velocityWindow().toMillis();
        // the windows that start at each click up to this one; their ends only move forward
        int end = -1;
        for (int start = first(trail, t.ts() - w); start <= index; start++) {
            long from = trail.get(start).ts();
            end = Math.max(end, start);
            while (end + 1 < trail.size() && trail.get(end + 1).ts() <= from + w) {
                end++;
            }
            int count = end - start + 1;
            if (count > max) {
                out.add(new TrailFinding(ReasonCode.BOT_TRAFFIC.name(), VELOCITY,
                        Evidence.of("clicks", count).and("windowMs", w).and("limit", max).and("via", kind).json()));
                return trail.get(end).ts();
            }
        }
        return t.ts();
    }

    private long regularity(List<TrailClick> trail, int index, List<TrailFinding> out) {
        int n = bot.regularityMinClicks();
        for (int start = Math.max(0, index - n + 1); start <= index && start + n <= trail.size(); start++) {
            double[] intervals = new double[n - 1];
            for (int j = start + 1; j < start + n; j++) {
                intervals[j - start - 1] = trail.get(j).ts() - trail.get(j - 1).ts();
            }
            double mean = StatUtils.mean(intervals);
            if (mean < 1 || mean > bot.regularityMaxMeanInterval().toMillis()) {
                continue;
            }
            double cv = Math.sqrt(StatUtils.variance(intervals, mean)) / mean;
            if (cv < bot.regularityMaxCv()) {
                out.add(new TrailFinding(ReasonCode.BOT_TRAFFIC.name(), REGULARITY,
                        Evidence.of("clicks", n).and("meanIntervalMs", Math.round(mean))
                                .and("cv", Math.round(cv * 1000) / 1000.0).json()));
                return trail.get(start + n - 1).ts();
            }
        }
        return trail.get(index).ts();
    }

    private long accounts(List<TrailClick> trail, int index, List<TrailFinding> out) {
        TrailClick t = trail.get(index);
        long w = bot.accountsWindow().toMillis();
        // a sliding window: the accounts of the clicks from each start to the last click within w of it
        Map<String, Integer> users = new HashMap<>();
        int end = -1;
        int lastWithUser = -1;
        int begin = first(trail, t.ts() - w);
        for (int start = begin; start <= index; start++) {
            if (start > begin) {
                forget(users, trail.get(start - 1).userId());
            }
            long from = trail.get(start).ts();
            while (end + 1 < trail.size() && trail.get(end + 1).ts() <= from + w) {
                end++;
                if (end >= start && trail.get(end).userId() != null) {
                    users.merge(trail.get(end).userId(), 1, Integer::sum);
                    lastWithUser = end;
                }
            }
            long last = lastWithUser >= start ? trail.get(lastWithUser).ts() : from;
            if (users.size() > bot.maxAccountsPerDevice() && last >= t.ts()) {
                out.add(new TrailFinding(ReasonCode.BOT_TRAFFIC.name(), ACCOUNTS,
                        Evidence.of("accounts", users.size()).and("windowMs", w)
                                .and("limit", bot.maxAccountsPerDevice()).json()));
                return last;
            }
        }
        return t.ts();
    }

    private static void forget(Map<String, Integer> users, String user) {
        if (user != null) {
            users.computeIfPresent(user, (k, c) -> c == 1 ? null : c - 1);
        }
    }

    private List<PriorClick> priors(List<TrailClick> trail, int index) {
        TrailClick t = trail.get(index);
        List<PriorClick> out = new ArrayList<>();
        for (int j = index - 1; j >= 0 && out.size() < MAX_PRIORS; j--) {
            TrailClick p = trail.get(j);
            if (t.ts() - p.ts() > priorLookbackMs) {
                break;
            }
            if (p.ts() < t.ts() && p.program().equals(t.program()) && !p.publisherId().equals(t.publisherId())) {
                out.add(new PriorClick(p.clickId(), p.ts(), p.program(), p.publisherId()));
            }
        }
        return List.copyOf(out);
    }

    /** Index of the first click at or after {@code ts} (the trail is sorted). */
    private static int first(List<TrailClick> trail, long ts) {
        int lo = 0;
        int hi = trail.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (trail.get(mid).ts() < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
