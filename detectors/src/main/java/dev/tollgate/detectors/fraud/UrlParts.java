package dev.tollgate.detectors.fraud;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Lenient reading of referrer and landing URLs: host, path and query parameters; never throws. */
record UrlParts(String host, String path, Map<String, String> params) {
    static final UrlParts EMPTY = new UrlParts("", "", Map.of());

    static UrlParts parse(String url) {
        if (url == null || url.isBlank()) {
            return EMPTY;
        }
        String host = "";
        String path = "";
        String query = "";
        try {
            URI u = URI.create(url.trim().replace(" ", "%20"));
            host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            path = u.getRawPath() == null ? "" : u.getRawPath().toLowerCase(Locale.ROOT);
            query = u.getRawQuery() == null ? "" : u.getRawQuery();
        } catch (IllegalArgumentException e) {
            int q = url.indexOf('?');
            query = q < 0 ? "" : url.substring(q + 1);
            host = url.toLowerCase(Locale.ROOT);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(k.toLowerCase(Locale.ROOT), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                params.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
            }
        }
        return new UrlParts(host, path, java.util.Collections.unmodifiableMap(params));
    }

    String hostAndPath() {
        return host + path;
    }
}
