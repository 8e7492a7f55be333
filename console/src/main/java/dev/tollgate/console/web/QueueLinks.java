package dev.tollgate.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Links of the queue page that keep its filters: to another page, another sort, or one reason. */
public final class QueueLinks {
    private final Map<String, String> params = new TreeMap<>();

    public QueueLinks(Map<String, List<String>> query) {
        query.forEach((k, v) -> {
            if (!v.isEmpty() && !v.get(0).isBlank()) {
                params.put(k, v.get(0));
            }
        });
    }

    /** The queue with {@code key} set to {@code value} (the page reset unless it is the page that changes). */
    public String with(String key, String value) {
        Map<String, String> p = new TreeMap<>(params);
        if (!key.equals("page")) {
            p.remove("page");
        }
        p.put(key, value);
        StringBuilder b = new StringBuilder("/queue?");
        p.forEach((k, v) -> b.append(encode(k)).append('=').append(encode(v)).append('&'));
        return b.substring(0, b.length() - 1);
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String order(String orderId) {
        return "/order?id=" + encode(orderId);
    }
}
