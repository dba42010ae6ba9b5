package io.floe.filters.kubernetes_metadata;

import java.io.IOException;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Pods and namespaces by name, from the cache or the API. An answer that failed (API down, 403) is
 * remembered for a short time, so one outage costs one warning and one slow lookup per pod, not one per
 * line; records meanwhile get what the file name tells.
 */
final class PodLookup {
    private static final long FAILURE_TTL_NANOS = 30_000_000_000L;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final KubernetesApi api;
    private final PodMetadata.Shaping shaping;
    private final TtlCache<String, PodMetadata> pods;
    private final TtlCache<String, PodMetadata> namespaces;
    private final boolean withNamespaces;
    private final Logger log;
    private final LongSupplier clock;
    private volatile long lastWarn = Long.MIN_VALUE / 2;

    PodLookup(KubernetesApi api, PodMetadata.Shaping shaping, int cacheSize, long ttlNanos, boolean withNamespaces, Logger log,
              LongSupplier clock) {
        this.api = api;
        this.shaping = shaping;
        this.pods = new TtlCache<>(cacheSize, ttlNanos, clock);
        this.namespaces = new TtlCache<>(cacheSize, ttlNanos, clock);
        this.withNamespaces = withNamespaces;
        this.log = log;
        this.clock = clock;
    }

    String masterUrl() {
        return api.masterUrl();
    }

    PodMetadata pod(String namespace, String name) {
        String key = namespace + "/" + name;
        return cached(pods, key, "pod " + key, () -> {
            Map<String, Object> pod = api.pod(namespace, name);
            return pod == KubernetesApi.NOT_FOUND ? PodMetadata.ORPHAN : PodMetadata.ofPod(pod, shaping);
        });
    }

    PodMetadata namespace(String namespace) {
        if (!withNamespaces) {
            return PodMetadata.NONE;
        }
        return cached(namespaces, namespace, "namespace " + namespace, () -> {
            Map<String, Object> ns = api.namespace(namespace);
            return ns == KubernetesApi.NOT_FOUND ? PodMetadata.NONE : PodMetadata.ofNamespace(ns, shaping);
        });
    }

    /** A call to the API. */
    @FunctionalInterface
    private interface ApiRead {
        PodMetadata read() throws IOException, InterruptedException;
    }

    /** The cached answer for {@code key}, else the API's, cached; a failure gives NONE, cached only briefly. */
    private PodMetadata cached(TtlCache<String, PodMetadata> cache, String key, String what, ApiRead read) {
        PodMetadata m = cache.get(key);
        if (m != null) {
            return m;
        }
        try {
            m = read.read();
            cache.put(key, m);
        } catch (IOException | RuntimeException e) {
            failed(what, e);
            m = PodMetadata.NONE;
            cache.put(key, m, FAILURE_TTL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m = PodMetadata.NONE;
        }
        return m;
    }

    private void failed(String what, Exception e) {
        long now = clock.getAsLong();
        if (now - lastWarn >= WARN_EVERY_NANOS) {
            lastWarn = now;
            log.warn("cannot read {} from the Kubernetes API at {}: {}; records get the names from the file name only",
                    what, api.masterUrl(), e.toString());
        }
    }

    int cachedPods() {
        return pods.size();
    }
}
