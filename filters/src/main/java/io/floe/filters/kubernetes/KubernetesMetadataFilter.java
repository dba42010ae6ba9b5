package io.floe.filters.kubernetes_metadata;

import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.codec.event.Event;
import io.floe.parsers.regex.RubyRegex;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's kubernetes_metadata filter for container logs tailed from {@code /var/log/containers}: adds
 * {@code kubernetes.pod_name}, {@code namespace_name}, {@code container_name} and {@code docker.container_id}
 * from the file name (found in the tag, or in the path_key field), and with access to the API server (the
 * pod's service account, or kubernetes_url) the pod's id, node, IP, labels, chosen annotations, image and
 * namespace id and labels, cached per pod. A record that does not come from such a file passes unchanged.
 * Optionally merges a JSON log line's fields into the record (merge_json_log).
 */
@Plugin(type = "kubernetes_metadata", desc = "Adds Kubernetes pod, namespace and container metadata to container log records.")
public final class KubernetesMetadataFilter implements Filter {

    /**
     * The parameters of fluent-plugin-kubernetes_metadata_filter (fabric8io) that Floe reads, with its names and
     * defaults, and Floe's own {@code path_key}; {@code merge_json_log} / {@code preserve_json_log} are the
     * plugin's from before version 2.
     */
    public record Config(
            @Param(desc = "The API server, e.g. https://kubernetes.default.svc:443/api; default: https://$KUBERNETES_SERVICE_HOST:"
                    + "$KUBERNETES_SERVICE_PORT when running in a pod. Without either, only the names in the file name are added.",
                    dflt = Param.NULL) String kubernetesUrl,
            @Param(desc = "The API version.", dflt = "v1") String apiversion,
            @Param(desc = "CA certificate (PEM) of the API server; default: the service account's ca.crt when present.",
                    dflt = Param.NULL) String caFile,
            @Param(desc = "Verify the API server's certificate and name.", dflt = "true") boolean verifySsl,
            @Param(desc = "File holding the bearer token; default: the service account's token when present (re-read every minute).",
                    dflt = Param.NULL) String bearerTokenFile,
            @Param(desc = "Where the service account's token and ca.crt are mounted.", dflt = "/var/run/secrets/kubernetes.io/serviceaccount")
            String secretDir,
            @Param(desc = "Client certificate for the API server: not supported by Floe (use a bearer token).", dflt = Param.NULL)
            String clientCert,
            @Param(desc = "Client key for the API server: not supported by Floe.", dflt = Param.NULL) String clientKey,
            @Param(desc = "Regexp (Ruby) that finds pod_name, namespace, container_name and docker_id in the tag.",
                    dflt = TAG_REGEXP) String tagToKubernetesNameRegexp,
            @Param(desc = "Floe: the record field holding the log file's path (in_tail's path_key); when set, names are read from "
                    + "it, and from the tag when it is missing.", dflt = Param.NULL) String pathKey,
            @Param(desc = "Pods (and namespaces) kept in the cache.", dflt = "1000") int cacheSize,
            @Param(desc = "How long a cached pod stays; 0 or less: forever.", dflt = "3600") Duration cacheTtl,
            @Param(desc = "Accepted: Floe looks pods up and caches them for cache_ttl instead of watching.", dflt = "true") boolean watch,
            @Param(desc = "Replace dots in label and annotation names (for Elasticsearch).", dflt = "true") boolean deDot,
            @Param(desc = "What replaces a dot.", dflt = "_") String deDotSeparator,
            @Param(desc = "Replace slashes in label and annotation names.", dflt = "false") boolean deSlash,
            @Param(desc = "What replaces a slash.", dflt = "__") String deSlashSeparator,
            @Param(desc = "Regexps of the annotation names to add (none by default).", dflt = "[]") List<String> annotationMatch,
            @Param(desc = "Do not add pod labels.", dflt = "false") boolean skipLabels,
            @Param(desc = "Do not add container_image and container_image_id.", dflt = "false") boolean skipContainerMetadata,
            @Param(desc = "Do not add master_url.", dflt = "false") boolean skipMasterUrl,
            @Param(desc = "Do not look namespaces up (namespace_id, namespace_labels).", dflt = "false") boolean skipNamespaceMetadata,
            @Param(desc = "A pod the API does not know goes to namespace_name .orphaned, with orphaned_namespace set.", dflt = "true")
            boolean allowOrphans,
            @Param(desc = "Namespace name given to orphans.", dflt = ".orphaned") String orphanedNamespaceName,
            @Param(desc = "Namespace id given to orphans.", dflt = "orphaned") String orphanedNamespaceId,
            @Param(desc = "Seconds to connect to the API server.", dflt = "3") Duration openTimeout,
            @Param(desc = "Seconds to wait for an answer.", dflt = "10") Duration readTimeout,
            @Param(desc = "Merge the fields of a JSON log line (field log, else message) into the record; a line that is not a JSON "
                    + "object is left alone. Fields already in the record win.", dflt = "false") boolean mergeJsonLog,
            @Param(desc = "With merge_json_log: keep the original log field.", dflt = "true") boolean preserveJsonLog) {
    }

    /** fabric8's DEFAULT_TAG_REGEXP: what in_tail makes of /var/log/containers/POD_NAMESPACE_CONTAINER-ID.log. */
        public static final String TAG_REGEXP = "var\\.log\\.containers\\.(?<pod_name>[a-z0-9]([-a-z0-9]*[a-z0-9])?"
                + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)_(?<namespace>[^_]+)_(?<container_name>.+)-(?<docker_id>[a-z0-9]{64})\\.log$";

    private final Config config;
    private final PodRef.Parser refs;
    private final PodLookup lookup;
    private final JsonLogMerge merge;

    public KubernetesMetadataFilter(Config config, PluginContext ctx) throws IOException, GeneralSecurityException {
        this(config, ctx, System.getenv());
    }

    KubernetesMetadataFilter(Config config, PluginContext ctx, Map<String, String> env)
            throws IOException, GeneralSecurityException {
        if (config.clientCert() != null || config.clientKey() != null) {
            throw new IllegalArgumentException("client_cert/client_key are not supported by Floe: use a bearer token (bearer_token_file)");
        }
        this.config = config;
        this.refs = new PodRef.Parser(config.tagToKubernetesNameRegexp());
        KubernetesApi api = KubernetesApi.create(config, env);
        if (api == null) {
            ctx.log().info("no Kubernetes API (kubernetes_url unset, not in a pod): only names from the log file name are added");
        }
        PodMetadata.Shaping shaping = new PodMetadata.Shaping(config.deDot(), config.deDotSeparator(), config.deSlash(),
                config.deSlashSeparator(), config.annotationMatch().stream().map(a -> RubyRegex.fromConfig(a).pattern()).toList(),
                config.skipLabels(), config.skipContainerMetadata());
        this.lookup = api == null ? null : new PodLookup(api, shaping, config.cacheSize(), nanos(config.cacheTtl()),
                !config.skipNamespaceMetadata(), ctx.log(), System::nanoTime);
        this.merge = config.mergeJsonLog() ? new JsonLogMerge(config.preserveJsonLog()) : null;
    }

    private static long nanos(Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }

    @Override
    public boolean filter(String tag, Event event) {
        Map<String, Object> record = event.record();
        if (merge != null) {
            record = merge.apply(record);
            event.record(record);
        }
        PodRef ref = null;
        if (config.pathKey() != null && record.get(config.pathKey()) instanceof String path) {
            ref = refs.fromPath(path);
        }
        if (ref == null) {
            ref = refs.fromTag(tag);
        }
        if (ref != null) {
            add(record, ref);
        }
        return true;
    }

    private void add(Map<String, Object> record, PodRef ref) {
        Map<String, Object> k8s = new LinkedHashMap<>();
        k8s.put("container_name", ref.containerName());
        k8s.put("namespace_name", ref.namespace());
        k8s.put("pod_name", ref.podName());
        if (lookup != null) {
            PodMetadata pod = lookup.pod(ref.namespace(), ref.podName());
            if (pod.orphan() && config.allowOrphans()) {
                k8s.put("orphaned_namespace", ref.namespace());
                k8s.put("namespace_name", config.orphanedNamespaceName());
                k8s.put("namespace_id", config.orphanedNamespaceId());
            } else {
                Map<String, String> c = pod.containers().get(ref.containerName());
                if (c != null) {
                    k8s.putAll(c);
                }
                k8s.putAll(pod.fields());
                if (!config.skipMasterUrl()) {
                    k8s.put("master_url", lookup.masterUrl());
                }
                k8s.putAll(lookup.namespace(ref.namespace()).fields());
            }
        }
        merge(record, "docker", Map.of("container_id", ref.containerId()));
        merge(record, "kubernetes", k8s);
    }

    /** Adds to a map the record may already have (from an earlier filter), or sets it. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> record, String key, Map<String, Object> fields) {
        if (record.get(key) instanceof Map<?, ?> existing) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) existing);
            m.putAll(fields);
            record.put(key, m);
        } else {
            record.put(key, new LinkedHashMap<>(fields));
        }
    }

    /** For tests: the pods held in the cache. */
    int cachedPods() {
        return lookup == null ? 0 : lookup.cachedPods();
    }
}
