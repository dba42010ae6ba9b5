package io.floe.agent.process;

import java.nio.file.Path;

/**
 * The fluent.conf sections the process ITs keep writing: a forward listener on 127.0.0.1, a monitor_agent,
 * a tail input, out_file in JSON lines, out_forward with acks, out_null. An IT joins them with what its scenario
 * adds, so it states only that. Public for the browser ITs, which start the agent the same way.
 */
public final class FluentConf {
    private FluentConf() {
    }

    /** {@code <system>} with {@code lines}. */
    public static String system(String... lines) {
        return section("system", "", lines);
    }

    /** {@code <source> @type type} with {@code params} lines. */
    public static String source(String type, String... params) {
        return section("source", "", "@type " + type, lines(params));
    }

    /** {@code <source> @type forward} on 127.0.0.1:{@code port}, plus {@code params} lines. */
    public static String forward(int port, String... params) {
        return section("source", "", "@type forward", "port " + port, "bind 127.0.0.1", lines(params));
    }

    /**
     * A hostile-client test's agent: forward in on {@code port} (plus {@code params} lines), the careful client's
     * {@code good.**} events written as JSON lines under {@code out}, whatever else arrives discarded.
     */
    static String goodEventsKept(int port, Path out, String... params) {
        return forward(port, params) + jsonFile("good.**", null, out.resolve("good"), "flush_mode interval", "flush_interval 200ms")
                + discard("**");
    }

    /** {@code <source> @type monitor_agent} on 127.0.0.1:{@code port}, plus {@code params} lines. */
    public static String monitor(int port, String... params) {
        return monitorOn(port, "bind 127.0.0.1", lines(params));
    }

    /** {@code <source> @type monitor_agent} on {@code port} of its default address (every one), plus {@code params} lines. */
    static String monitorOn(int port, String... params) {
        return section("source", "", "@type monitor_agent", lines(params), "port " + port);
    }

    /**
     * {@code <source> @type tail} reading {@code path} (a file or a glob) with its positions in {@code posFile},
     * each line parsed by the parser {@code parse}, plus {@code params} lines.
     */
    static String tail(String path, Path posFile, String tag, String parse, String... params) {
        return section("source", "", "@type tail", lines(params), "path " + path, "pos_file " + posFile, "tag " + tag,
                section("parse", "", "@type " + parse));
    }

    /** {@code <server>} on 127.0.0.1:{@code port}, plus {@code params} lines (name, credentials). */
    static String server(int port, String... params) {
        return section("server", "", lines(params), "host 127.0.0.1", "port " + port);
    }

    /**
     * {@code <match tier.**> @type forward} with acks, quick to notice a server gone and back (a tier test's
     * sender), buffered in files; {@code params} are its {@code <server>} sections and any further parameters,
     * {@code buffer} lines the test's own in its {@code <buffer>}.
     */
    static String ackedForward(String params, String... buffer) {
        return section("match", "tier.**", "@type forward", "@id out_forward", "require_ack_response true", "ack_response_timeout 10s",
                "heartbeat_interval 200ms", "recover_wait 1s", "connect_timeout 2s", params,
                section("buffer", "", "@type file", "flush_mode interval", "flush_interval 200ms", "retry_wait 200ms",
                        "retry_max_interval 1s", lines(buffer)));
    }

    /** {@code <match pattern> @type null}, plus {@code params} lines. */
    public static String discard(String pattern, String... params) {
        return section("match", pattern, "@type null", lines(params));
    }

    /**
     * {@code <match pattern> @type file} writing JSON lines under {@code path}; {@code id} may be null, and
     * {@code buffer} are the lines of its {@code <buffer>} section.
     */
    static String jsonFile(String pattern, String id, Path path, String... buffer) {
        return match(pattern, "file", id == null ? "" : "@id " + id, "path " + path, section("format", "", "@type json"),
                buffer(buffer));
    }

    /** As {@link #jsonFile}, in out_file's default format (time, tag and JSON record, tab-separated). */
    public static String file(String pattern, String id, Path path, String... buffer) {
        return match(pattern, "file", id == null ? "" : "@id " + id, "path " + path, buffer(buffer));
    }

    /** {@code <match pattern> @type type} with {@code body} lines and sections. */
    public static String match(String pattern, String type, String... body) {
        return section("match", pattern, "@type " + type, lines(body));
    }

    /** A {@code <store>} of {@code @type copy}: {@code @type type} with {@code body} lines and sections. */
    public static String store(String type, String... body) {
        return section("store", "", "@type " + type, lines(body));
    }

    /** {@code <buffer>} (of no chunk keys) with {@code lines}. */
    public static String buffer(String... lines) {
        return section("buffer", "", lines);
    }

    /** {@code <label name>} around {@code body}. */
    static String label(String name, String... body) {
        return section("label", name, body);
    }

    /** {@code lines}, each a line or whole sections, as one block; the empty ones are left out. */
    private static String lines(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            if (!line.isEmpty()) {
                b.append(line.endsWith("\n") ? line : line + "\n");
            }
        }
        return b.toString();
    }

    private static String section(String name, String arg, String... body) {
        return "<" + name + (arg.isEmpty() ? "" : " " + arg) + ">\n" + lines(body) + "</" + name + ">\n";
    }
}
