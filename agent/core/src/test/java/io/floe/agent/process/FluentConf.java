package io.floe.agent.process;

import java.nio.file.Path;

/**
 * The fluent.conf sections the process ITs keep writing: a forward listener on 127.0.0.1, a monitor_agent,
 * out_file in JSON lines, out_null. An IT joins them with what its scenario adds, so it states only that.
 */
final class FluentConf {
    private FluentConf() {
    }

    /** {@code <source> @type forward} on 127.0.0.1:{@code port}, plus {@code params} lines. */
    static String forward(int port, String... params) {
        return section("source", "", "@type forward", "port " + port, "bind 127.0.0.1", lines(params));
    }

    /** {@code <source> @type monitor_agent} on 127.0.0.1:{@code port}, plus {@code params} lines. */
    static String monitor(int port, String... params) {
        return section("source", "", "@type monitor_agent", "bind 127.0.0.1", "port " + port, lines(params));
    }

    /** {@code <match pattern> @type null}, plus {@code params} lines. */
    static String discard(String pattern, String... params) {
        return section("match", pattern, "@type null", lines(params));
    }

    /**
     * {@code <match pattern> @type file} writing JSON lines under {@code path}; {@code id} may be null, and
     * {@code buffer} are the lines of its {@code <buffer>} section.
     */
    static String jsonFile(String pattern, String id, Path path, String... buffer) {
        return section("match", pattern, "@type file", id == null ? "" : "@id " + id, "path " + path,
                section("format", "", "@type json"), section("buffer", "", lines(buffer)));
    }

    /** As {@link #jsonFile}, in out_file's default format (time, tag and JSON record, tab-separated). */
    static String file(String pattern, String id, Path path, String... buffer) {
        return section("match", pattern, "@type file", id == null ? "" : "@id " + id, "path " + path,
                section("buffer", "", lines(buffer)));
    }

    /** {@code <label name>} around {@code body}. */
    static String label(String name, String... body) {
        return section("label", name, body);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    private static String section(String name, String arg, String... body) {
        StringBuilder b = new StringBuilder("<").append(name).append(arg.isEmpty() ? "" : " " + arg).append(">\n");
        for (String line : body) {
            if (!line.isEmpty()) {
                b.append(line.endsWith("\n") ? line : line + "\n");
            }
        }
        return b.append("</").append(name).append(">\n").toString();
    }
}
