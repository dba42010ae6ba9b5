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
        PodMetadata m = pods.get(key);
        if (m != null) {
            return m;
        }
        try {
            Map<String, Object> pod = api.pod(namespace, name);
            m = pod == KubernetesApi.NOT_FOUND ? PodMetadata.ORPHAN : PodMetadata.ofPod(pod, shaping);
            pods.put(key, m);
        } catch (IOException | RuntimeException e) {
            failed("pod " + key, e);
            m = PodMetadata.NONE;
            pods.put(key, m, FAILURE_TTL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m = PodMetadata.NONE;
        }
        return m;
    }

    PodMetadata namespace(String namespace) {
        if (!withNamespaces) {
            return PodMetadata.NONE;
        }
        PodMetadata m = namespaces.get(namespace);
        if (m != null) {
            return m;
        }
        try {
            Map<String, Object> ns = api.namespace(namespace);
            m = ns == KubernetesApi.NOT_FOUND ? PodMetadata.NONE : PodMetadata.ofNamespace(ns, shaping);
            namespaces.put(namespace, m);
        } catch (IOException | RuntimeException e) {
            failed("namespace " + namespace, e);
            m = PodMetadata.NONE;
            namespaces.put(namespace, m, FAILURE_TTL_NANOS);
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
