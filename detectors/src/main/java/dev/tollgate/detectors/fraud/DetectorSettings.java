package dev.tollgate.detectors.fraud;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Thresholds of the fraud detectors (tollgate.yaml {@code detectors:}); every value is documented there with its
 * default and source. How severe each finding is belongs to the program policies ({@code detectors:} per program).
 */
public record DetectorSettings(
        CookieStuffing cookieStuffing,
        ClickHijack clickHijack,
        Popup popup,
        Bot bot,
        DeviceSwitch deviceSwitch,
        BrandBidding brandBidding,
        Geo geo) implements Serializable {

    /**
     * @param hiddenMaxPx a viewport this many pixels wide or high (or less) is hidden
     * @param burstWindow clicks for several programs from one device or IP within this span are a burst
     * @param burstMinPrograms distinct programs in a burst
     * @param delayMinPublisherOrders orders a publisher needs before its click-to-order delays are compared
     * @param delayMinProgramOrders orders of the program's other publishers needed as the baseline
     * @param delayMaxPValue two-sample Kolmogorov-Smirnov p-value below which the publisher's delays differ
     * @param delayMinRatio the publisher's median delay must also be at least this many times the baseline median
     * @param delayMaxPublisherShare a publisher with more than this share of the program's orders is the program's
     *     norm, not an outlier, and is not compared
     * @param delayWindow a delay sample counts while its click is no older than this before an evaluation; older
     *     ones leave the profile (and its state)
     */
    public record CookieStuffing(int hiddenMaxPx, Duration burstWindow, int burstMinPrograms,
                                 int delayMinPublisherOrders, int delayMinProgramOrders, double delayMaxPValue,
                                 double delayMinRatio, double delayMaxPublisherShare, Duration delayWindow)
            implements Serializable {
    }

    /** @param overwriteGap an overwriting click less than this before the order is a hijack */
    public record ClickHijack(Duration overwriteGap) implements Serializable {
    }

    /** @param popunderNetworks referrer host fragments of pop-under ad networks */
    public record Popup(List<String> popunderNetworks) implements Serializable {
    }

    /**
     * @param velocityWindow sliding event-time window for click velocity
     * @param maxClicksPerIp more clicks than this from one IP within the window is a bot
     * @param maxClicksPerDevice the same per device
     * @param maxClicksPerUser the same per user
     * @param regularityMinClicks intervals are judged over at least this many consecutive clicks
     * @param regularityMaxCv coefficient of variation of the intervals below which timing is inhumanly regular
     * @param regularityMaxMeanInterval only intervals shorter than this on average count (a daily habit is no bot)
     * @param accountsWindow window for counting accounts on one device
     * @param maxAccountsPerDevice more distinct user accounts than this on one device is a bot farm
     * @param dataCentreRanges CIDR ranges of hosting providers (optional)
     * @param dataCentreFile CSV of hosting-provider ranges ({@code first_ip,last_ip,provider}; optional)
     */
    public record Bot(Duration velocityWindow, int maxClicksPerIp, int maxClicksPerDevice, int maxClicksPerUser,
                      int regularityMinClicks, double regularityMaxCv, Duration regularityMaxMeanInterval,
                      Duration accountsWindow, int maxAccountsPerDevice, List<String> dataCentreRanges,
                      String dataCentreFile) implements Serializable {
    }

    /** @param ignoreUnknownDevices Awin device labels treated as unknown ("Unknown", "Other") */
    public record DeviceSwitch(List<String> ignoreUnknownDevices) implements Serializable {
    }

    /**
     * @param clickIdParams URL parameters that mark a paid-search click
     * @param adClickReferrers referrer host+path fragments of search-engine ad clicks
     * @param keywordParams URL parameters that carry the search keyword
     * @param maxEditsPerToken Damerau-Levenshtein edits allowed per brand token
     */
    public record BrandBidding(List<String> clickIdParams, List<String> adClickReferrers, List<String> keywordParams,
                               int maxEditsPerToken) implements Serializable {
    }

    /** @param ipRanges CSV file of {@code first_ip,last_ip,country} ranges for IPs without {@code ipCountry} */
    public record Geo(String ipRanges) implements Serializable {
    }
}
