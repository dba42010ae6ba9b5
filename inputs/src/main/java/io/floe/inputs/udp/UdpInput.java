package io.floe.inputs.udp;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.api.monitor.Monitored;
import io.floe.conf.ConfigElement;
import io.floe.inputs.net.ParsedLines;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import java.util.Map;

/**
 * Fluentd's in_udp: each datagram is one message, parsed by {@code <parse>} into an event tagged {@code tag}. UDP cannot
 * push back: while the input is paused (a full buffer with {@code overflow_action block}) datagrams are read and dropped,
 * and an emit the buffer refuses is dropped; both are counted ({@code dropped_records} in monitor_agent, and
 * {@code num_errors}). A datagram longer than {@code message_length_limit} is cut to it, as Fluentd's
 * {@code recvfrom(message_length_limit)} does, with a warning at most once per interval.
 */
@Plugin(type = "udp", desc = "Receives datagrams over UDP, one event per datagram, parsed by <parse>.")
public final class UdpInput implements Input, Monitored {

    public record Config(
            @Param(desc = "The tag of the events.") String tag,
            @Param(desc = "The port to listen on; 0 picks a free one.", dflt = "5160") int port,
            @Param(desc = "The address to listen on.", dflt = "0.0.0.0") String bind,
            @Param(desc = "The most bytes of a message; a longer datagram is cut to it.", dflt = "4096") Size messageLengthLimit,
            @Param(desc = "Removes one newline from the end of each message.", dflt = "true") boolean removeNewline,
            @Param(desc = "SO_RCVBUF of the socket; the OS default when unset.", dflt = Param.NULL) Size receiveBufferSize,
            @Param(desc = "Adds the sender's hostname to each record under this key.", dflt = Param.NULL) String sourceHostnameKey,
            @Param(desc = "Adds the sender's IP address to each record under this key.", dflt = Param.NULL) String sourceAddressKey,
            @Section(name = "parse", kind = "parser", desc = "How messages become records (@type none, json, regexp, syslog ...); required.")
            ConfigElement parse) {
    }

    private final Config config;
    private final UdpMessageHandler handler;
    private final UdpServer server;

    public UdpInput(Config config, PluginContext ctx) {
        this.config = config;
        if (config.tag() == null || config.tag().isEmpty()) {
            throw new IllegalArgumentException("'tag' parameter is required");
        }
        if (config.parse().getText("@type") == null) {
            throw new IllegalArgumentException("<parse> section is required (e.g. <parse> @type none </parse>)");
        }
        long limit = config.messageLengthLimit().bytes();
        if (limit < 1 || limit > 65507) {
            throw new IllegalArgumentException("message_length_limit must be between 1 and 65507 (the largest UDP payload)");
        }
        this.handler = new UdpMessageHandler(ctx, new UdpMessageHandler.Settings((int) limit, config.removeNewline(),
                config.sourceAddressKey(), config.sourceHostnameKey()),
                new ParsedLines(config.tag(), Parsers.create(config.parse(), ParserEnv.of(ctx)), ctx));
        this.server = new UdpServer(ctx, "udp");
    }

    @Override
    public void start() throws Exception {
        server.start(config.bind(), config.port(), (int) config.messageLengthLimit().bytes(),
                config.receiveBufferSize() == null ? null : (int) config.receiveBufferSize().bytes(), handler);
    }

    /** The port listened on; with {@code port 0}, the one the OS picked. -1 before start. */
    public int port() {
        return server.port();
    }

    @Override
    public String notReady() {
        return server.port() > 0 ? null : "not listening on port " + config.port() + " yet";
    }

    @Override
    public Map<String, Object> monitorFields() {
        return Map.of("dropped_records", handler.dropped());
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public void pause() {
        handler.paused(true);
    }

    @Override
    public void resume() {
        handler.paused(false);
    }
}
