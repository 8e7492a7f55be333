package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.signing.EvidenceKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference data the detectors consult, loaded once per operator instance: the user-agent classifier, the data-centre
 * ranges and the IP-to-country table; and memos of the lookups every assessment of an order repeats for the same
 * click (URLs parsed, IPs looked up, brand matchers built). One per operator instance: not thread-safe.
 */
public final class FraudReference {
    private static final int MEMO_SIZE = 20_000;

    private final UserAgentClassifier userAgents;
    private final IpRangeTable dataCentres;
    private final IpRangeTable dataCentreFile;
    private final IpRangeTable countries;
    private final LruCache<String, UrlParts> urls = new LruCache<>(MEMO_SIZE, UrlParts::parse);
    private final LruCache<String, String> dataCentreOf = new LruCache<>(MEMO_SIZE, this::lookupDataCentre);
    private final LruCache<String, String> countryOf = new LruCache<>(MEMO_SIZE, this::lookupCountry);
    private final Map<List<Object>, BrandKeywordMatcher> matchers = new HashMap<>();
    private final EvidenceKey evidenceKey;

    public FraudReference(DetectorSettings settings, EvidenceKey evidenceKey) {
        this.evidenceKey = evidenceKey;
        this.userAgents = new UserAgentClassifier();
        this.dataCentres = IpRangeTable.fromCidrs(settings.bot().dataCentreRanges());
        this.dataCentreFile = GeoDatabase.load(settings.bot().dataCentreFile());
        this.countries = GeoDatabase.load(settings.geo().ipRanges());
    }

    public UserAgentClassifier userAgents() {
        return userAgents;
    }

    /** The keyed hash evidence shows in place of an IP (see {@link EvidenceKey}). */
    public String ipHash(String ip) {
        return evidenceKey.hash(ip);
    }

    /** The data-centre range holding the IP, or {@code null}. */
    public String dataCentre(String ip) {
        return dataCentreOf.get(ip);
    }

    private String lookupDataCentre(String ip) {
        String range = dataCentres.isEmpty() ? null : dataCentres.lookup(ip);
        return range != null || dataCentreFile.isEmpty() ? range : dataCentreFile.lookup(ip);
    }

    /** The country of the IP from the range database, or {@code null}. */
    public String country(String ip) {
        return countryOf.get(ip);
    }

    private String lookupCountry(String ip) {
        return countries.lookup(ip);
    }

    /** A referrer or landing URL, parsed leniently. */
    UrlParts url(String url) {
        return urls.get(url);
    }

    /** The brand matcher of a program's brand terms, built once per distinct terms. */
    BrandKeywordMatcher brandMatcher(List<String> brandTerms, int maxEditsPerToken) {
        return matchers.computeIfAbsent(List.of(brandTerms, maxEditsPerToken),
                k -> new BrandKeywordMatcher(brandTerms, maxEditsPerToken));
    }
}
