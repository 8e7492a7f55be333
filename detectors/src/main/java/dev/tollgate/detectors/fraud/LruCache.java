package dev.tollgate.detectors.fraud;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded least-recently-used memo for pure lookups the detectors repeat for every assessment of an order (the same
 * click's agent, URLs and IPs are read each time its order changes). Not thread-safe: each operator instance has its
 * own, through its own {@link FraudReference}.
 */
final class LruCache<K, V> {
    private final Map<K, V> map;
    private final Function<K, V> compute;

    LruCache(int capacity, Function<K, V> compute) {
        this.compute = compute;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value for {@code key}, computed once while it stays among the most recently used; null is cached too. */
    V get(K key) {
        V v = map.get(key);
        if (v == null && !map.containsKey(key)) {
            v = compute.apply(key);
            map.put(key, v);
        }
        return v;
    }
}
