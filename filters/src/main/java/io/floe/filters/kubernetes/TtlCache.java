package io.floe.filters.kubernetes_metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * fabric8's cache: at most {@code cache_size} entries, the least recently used dropped first, each valid for
 * {@code cache_ttl}. Filters run on several input threads at once, hence the lock.
 */
final class TtlCache<K, V> {
    private record Entry<V>(V value, long expires) {
    }

    private final int size;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<K, Entry<V>> map;

    TtlCache(int size, long ttlNanos, LongSupplier clock) {
        this.size = Math.max(1, size);
        this.ttlNanos = ttlNanos;
        this.clock = clock;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > TtlCache.this.size;
            }
        };
    }

    /** The cached value, or null when absent or expired. */
    synchronized V get(K key) {
        Entry<V> e = map.get(key);
        if (e == null) {
            return null;
        }
        if (e.expires() - clock.getAsLong() <= 0) {
            map.remove(key);
            return null;
        }
        return e.value();
    }

    synchronized void put(K key, V value) {
        put(key, value, ttlNanos);
    }

    /** With its own lifetime (a failed lookup is kept briefly, so the API is not asked for every line). */
    synchronized void put(K key, V value, long lifeNanos) {
        long life = lifeNanos <= 0 ? Long.MAX_VALUE / 4 : lifeNanos;
        map.put(key, new Entry<>(value, clock.getAsLong() + life));
    }

    synchronized int size() {
        return map.size();
    }
}
