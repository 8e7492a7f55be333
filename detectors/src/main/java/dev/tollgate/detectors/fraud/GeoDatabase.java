package dev.tollgate.detectors.fraud;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the IP-to-country CSV from a file path or a {@code classpath:} location. */
public final class GeoDatabase {
    private GeoDatabase() {
    }

    public static Reader open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = GeoDatabase.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("not found on the classpath: " + name);
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(Path.of(location), StandardCharsets.UTF_8);
    }

    /** Loads the table, or an empty one when no database is configured. */
    public static IpRangeTable load(String location) {
        if (location == null || location.isBlank()) {
            return IpRangeTable.fromCidrs(java.util.List.of());
        }
        try (Reader r = open(location)) {
            return IpRangeTable.fromCsv(r, location);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
