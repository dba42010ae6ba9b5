package io.floe.filters.kubernetes_metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the API says about a pod (or namespace), already shaped as the record fields fabric8's plugin adds:
 * labels de-dotted, annotations filtered by annotation_match. Built once per lookup and shared by every
 * record of the pod, so it is never changed after that.
 */
record PodMetadata(Map<String, Object> fields, Map<String, Map<String, String>> containers, boolean orphan) {

    static final PodMetadata ORPHAN = new PodMetadata(Map.of(), Map.of(), true);
    static final PodMetadata NONE = new PodMetadata(Map.of(), Map.of(), false);

    /** Shapes names and picks annotations as the configuration asks. */
    record Shaping(boolean deDot, String dotSeparator, boolean deSlash, String slashSeparator, List<Pattern> annotationMatch,
                   boolean skipLabels, boolean skipContainers) {

        Map<String, Object> labels(Object raw) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (raw instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(name(String.valueOf(k)), v));
            }
            return out;
        }

        Map<String, Object> annotations(Object raw) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (raw instanceof Map<?, ?> m && !annotationMatch.isEmpty()) {
                m.forEach((k, v) -> {
                    String key = String.valueOf(k);
                    if (annotationMatch.stream().anyMatch(p -> p.matcher(key).find())) {
                        out.put(name(key), v);
                    }
                });
            }
            return out;
        }

        private String name(String key) {
            String k = deDot ? key.replace(".", dotSeparator) : key;
            return deSlash ? k.replace("/", slashSeparator) : k;
        }
    }

    /** From a pod object (v1 Pod JSON). */
    static PodMetadata ofPod(Map<String, Object> pod, Shaping s) {
        Map<String, Object> meta = map(pod.get("metadata"));
        Map<String, Object> spec = map(pod.get("spec"));
        Map<String, Object> status = map(pod.get("status"));
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "pod_id", meta.get("uid"));
        put(f, "pod_ip", status.get("podIP"));
        put(f, "host", spec.get("nodeName"));
        if (!s.skipLabels()) {
            Map<String, Object> labels = s.labels(meta.get("labels"));
            if (!labels.isEmpty()) {
                f.put("labels", labels);
            }
        }
        Map<String, Object> annotations = s.annotations(meta.get("annotations"));
        if (!annotations.isEmpty()) {
            f.put("annotations", annotations);
        }
        Map<String, Map<String, String>> containers = new LinkedHashMap<>();
        if (!s.skipContainers()) {
            for (String key : new String[] {"initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"}) {
                if (status.get(key) instanceof List<?> list) {
                    for (Object o : list) {
                        Map<String, Object> c = map(o);
                        Map<String, String> info = new LinkedHashMap<>();
                        info.put("container_image", str(c.get("image")));
                        info.put("container_image_id", str(c.get("imageID")));
                        containers.put(str(c.get("name")), info);
                    }
                }
            }
        }
        return new PodMetadata(Map.copyOf(f), Map.copyOf(containers), false);
    }

    /** From a namespace object: namespace_id, namespace_labels, namespace_annotations. */
    static PodMetadata ofNamespace(Map<String, Object> ns, Shaping s) {
        Map<String, Object> meta = map(ns.get("metadata"));
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "namespace_id", meta.get("uid"));
        Map<String, Object> labels = s.labels(meta.get("labels"));
        if (!labels.isEmpty() && !s.skipLabels()) {
            f.put("namespace_labels", labels);
        }
        Map<String, Object> annotations = s.annotations(meta.get("annotations"));
        if (!annotations.isEmpty()) {
            f.put("namespace_annotations", annotations);
        }
        return new PodMetadata(Map.copyOf(f), Map.of(), false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static void put(Map<String, Object> f, String key, Object v) {
        if (v != null) {
            f.put(key, v);
        }
    }
}
