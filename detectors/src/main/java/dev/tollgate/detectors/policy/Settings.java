package dev.tollgate.detectors.policy;

import dev.tollgate.detectors.fraud.DetectorSettings;
import dev.tollgate.detectors.parse.FutureTimestamps;
import dev.tollgate.detectors.parse.ParserSettings;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Global settings (config/tollgate.yaml): time bounds, the sanctions list, feeds, parser limits, reference rates and
 * the fraud detectors' thresholds.
 */
public record Settings(
        String version,
        Time time,
        List<Sanction> sanctions,
        Feeds feeds,
        int maxRecordBytes,
        Map<String, BigDecimal> usdRates,
        DetectorSettings detectors) implements Serializable {

    /**
     * Event-time bounds. {@code outOfOrderness}: watermark bound. {@code clickGrace}: how long an order waits for a
     * click it names. {@code finalityDelay}: how long after an order's last window a late event can still change it.
     * {@code clickRetention}: how long past its program window a click is kept for orders that name it.
     * {@code maxOrderAge}: an order with no terminal status is finalised this long after its last event.
     * {@code finalTombstone}: how long a finalised order is remembered so that stray events do not reopen it.
     * {@code decisionWait}: how long an analyst's decision for an order not seen yet waits for it.
     * {@code reviewHold}: how long a final verdict held for an analyst (REVIEW) or decided by one is remembered, so a
     * decision or a reversal still applies to it.
     * {@code sourceIdleness}: a partition of the decision or control topic silent this long stops holding back event
     * time (streaming job). {@code eventSourceIdleness}: the same for the event topics, longer: a silent event
     * partition has usually been held up (a broker restart, a recovery), not run dry.
     * {@code futureBound}: how far ahead of the clock (a stream) or of the input's own events (files) an event time
     * may be before the record goes to the dead letters as FUTURE_TIMESTAMP (see {@link FutureTimestamps}).
     */
    public record Time(Duration outOfOrderness, Duration clickGrace, Duration finalityDelay, Duration clickRetention,
                       Duration maxOrderAge, Duration finalTombstone, Duration decisionWait,
                       Duration sourceIdleness, Duration reviewHold, Duration futureBound,
                       Duration eventSourceIdleness) implements Serializable {
    }

    /** A comprehensively sanctioned country, in force from {@code since} (inclusive) until {@code until} (exclusive). */
    public record Sanction(String country, LocalDate since, LocalDate until, String program) implements Serializable {
        public boolean inForceOn(LocalDate day) {
            return (since == null || !day.isBefore(since)) && (until == null || day.isBefore(until));
        }
    }

    public record Feed(String timeZone, String defaultProgram) implements Serializable {
    }

    public record Feeds(Feed aliexpress, Feed awin) implements Serializable {
    }

    /** The same settings with other event-time bounds. */
    public Settings withTime(Time newTime) {
        return new Settings(version, newTime, sanctions, feeds, maxRecordBytes, usdRates, detectors);
    }

    /** The same settings with the IP range files resolved to loadable locations ({@code null}: not configured). */
    public Settings withResolvedFiles(String geoLocation, String dataCentreLocation) {
        DetectorSettings d = detectors;
        DetectorSettings.Bot b = d.bot();
        DetectorSettings.Bot bot = new DetectorSettings.Bot(b.velocityWindow(), b.maxClicksPerIp(),
                b.maxClicksPerDevice(), b.maxClicksPerUser(), b.regularityMinClicks(), b.regularityMaxCv(),
                b.regularityMaxMeanInterval(), b.accountsWindow(), b.maxAccountsPerDevice(), b.dataCentreRanges(),
                dataCentreLocation);
        return new Settings(version, time, sanctions, feeds, maxRecordBytes, usdRates,
                new DetectorSettings(d.cookieStuffing(), d.clickHijack(), d.popup(), bot, d.deviceSwitch(),
                        d.brandBidding(), new DetectorSettings.Geo(geoLocation)));
    }

    public ParserSettings parserSettings() {
        return new ParserSettings(feeds.aliexpress().timeZone(), feeds.aliexpress().defaultProgram(),
                feeds.awin().timeZone(), feeds.awin().defaultProgram(), maxRecordBytes);
    }

    /** Which event times a stream's records may carry (see {@link FutureTimestamps}). */
    public FutureTimestamps streamFuture() {
        return FutureTimestamps.fromClock(time.futureBound());
    }
}
