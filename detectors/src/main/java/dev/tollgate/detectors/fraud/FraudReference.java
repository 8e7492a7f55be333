package dev.tollgate.detectors.fraud;

/**
 * Reference data the detectors consult, loaded once per operator instance: the user-agent classifier, the data-centre
 * ranges and the IP-to-country table.
 */
public final class FraudReference {
    private final UserAgentClassifier userAgents;
    private final IpRangeTable dataCentres;
    private final IpRangeTable dataCentreFile;
    private final IpRangeTable countries;

    public FraudReference(DetectorSettings settings) {
        this.userAgents = new UserAgentClassifier();
        this.dataCentres = IpRangeTable.fromCidrs(settings.bot().dataCentreRanges());
        this.dataCentreFile = GeoDatabase.load(settings.bot().dataCentreFile());
        this.countries = GeoDatabase.load(settings.geo().ipRanges());
    }

    public UserAgentClassifier userAgents() {
        return userAgents;
    }

    /** The data-centre range holding the IP, or {@code null}. */
    public String dataCentre(String ip) {
        String range = dataCentres.isEmpty() ? null : dataCentres.lookup(ip);
        return range != null || dataCentreFile.isEmpty() ? range : dataCentreFile.lookup(ip);
    }

    /** The country of the IP from the range database, or {@code null}. */
    public String country(String ip) {
        return countries.lookup(ip);
    }
}
