package dev.tollgate.detectors.parse;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * What the parser needs to know about the feeds: each native feed's time zone for its local date-times and the program
 * its orders belong to when the record does not say, and the largest record accepted.
 */
public record ParserSettings(
        String aliexpressTimeZone,
        String aliexpressDefaultProgram,
        String awinTimeZone,
        String awinDefaultProgram,
        int maxRecordBytes) implements Serializable {

    public static ParserSettings defaults() {
        return new ParserSettings("America/Los_Angeles", "aliexpress-portals", "UTC", "alibaba-awin", 64 * 1024);
    }

    ZoneId aliexpressZone() {
        return ZoneId.of(aliexpressTimeZone);
    }

    ZoneId awinZone() {
        return ZoneId.of(awinTimeZone);
    }
}
