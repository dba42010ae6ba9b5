package io.floe.inputs.tail;

/**
 * Fluentd's tag for a tailed file: a {@code *} in {@code tag} is replaced by the path with {@code /} turned
 * into {@code .}, runs of dots collapsed and the leading dot dropped: {@code kubernetes.*} and
 * {@code /var/log/containers/a_b_c-1.log} give {@code kubernetes.var.log.containers.a_b_c-1.log}.
 */
final class TailTag {
    private final String tag;
    private final String prefix;
    private final String suffix;

    TailTag(String tag) {
        this.tag = tag;
        int star = tag.indexOf('*');
        this.prefix = star < 0 ? null : tag.substring(0, star);
        this.suffix = star < 0 ? null : tag.substring(star + 1);
    }

    String forPath(String path) {
        if (prefix == null) {
            return tag;
        }
        String p = path.replace('/', '.').replaceAll("\\.+", ".");
        if (p.startsWith(".")) {
            p = p.substring(1);
        }
        return prefix + p + suffix;
    }
}
