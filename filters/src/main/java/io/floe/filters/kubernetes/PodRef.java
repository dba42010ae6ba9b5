package io.floe.filters.kubernetes_metadata;

import io.floe.parsers.regex.RubyRegex;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * The names in a container log file's name, {@code /var/log/containers/<pod>_<namespace>_<container>-<id>.log},
 * as the kubelet makes it: read from the tag in_tail gave the file ({@code kubernetes.var.log.containers...}),
 * as fabric8's plugin does, or from the path itself.
 */
record PodRef(String podName, String namespace, String containerName, String containerId) {

    /** Parses tags and paths with the configured regexp; remembers what it found per tag (tags repeat). */
    static final class Parser {
        private static final int MAX_CACHED = 8192;
        private static final PodRef NONE = new PodRef("", "", "", "");

        private final RubyRegex regex;
        private final Map<String, PodRef> seen = new ConcurrentHashMap<>();

        Parser(String regexp) {
            this.regex = RubyRegex.fromConfig(regexp);
            for (String g : new String[] {"pod_name", "namespace", "container_name", "docker_id"}) {
                if (!regex.names().contains(g)) {
                    throw new IllegalArgumentException("tag_to_kubernetes_name_regexp needs a named group '" + g + "'");
                }
            }
        }

        /** The names in a tag, or null. */
        PodRef fromTag(String tag) {
            PodRef r = seen.get(tag);
            if (r == null) {
                r = match(tag);
                if (seen.size() >= MAX_CACHED) {
                    seen.clear();
                }
                seen.put(tag, r == null ? NONE : r);
            }
            return r == NONE ? null : r;
        }

        /** The names in a file path, read as in_tail turns the path into a tag. */
        PodRef fromPath(String path) {
            String asTag = path.replace('/', '.').replaceAll("\\.+", ".");
            return fromTag(asTag.startsWith(".") ? asTag.substring(1) : asTag);
        }

        private PodRef match(String text) {
            Matcher m = regex.pattern().matcher(text);
            if (!m.find()) {
                return null;
            }
            int pod = regex.names().indexOf("pod_name");
            int ns = regex.names().indexOf("namespace");
            int ctr = regex.names().indexOf("container_name");
            int id = regex.names().indexOf("docker_id");
            return new PodRef(regex.group(m, pod), regex.group(m, ns), regex.group(m, ctr), regex.group(m, id));
        }
    }
}
