package io.floe.inputs.udp;

import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.conf.ConfigElement;
import io.floe.inputs.net.MessageServer;
import io.floe.inputs.net.ParsedLines;
import io.floe.inputs.net.ServerInput;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;

/**
 * Fluentd's in_udp: each datagram is one message, parsed by {@code <parse>} into an event tagged {@code tag}. UDP cannot
 * push back: while the input is paused (a full buffer with {@code overflow_action block}) datagrams are read and dropped,
 * and an emit the buffer refuses is dropped; both are counted ({@code dropped_records} in monitor_agent, and
 * {@code num_errors}). A datagram longer than {@code message_length_limit} is cut to it, as Fluentd's
 * {@code recvfrom(message_length_limit)} does, with a warning at most once per interval.
 */
@Plugin(type = "udp", desc = "Receives datagrams over UDP, one event per datagram, parsed by <parse>.")
public final class UdpInput extends ServerInput {

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
    private final UdpServer server;

    public UdpInput(Config config, PluginContext ctx) {
        super(config.port(), config.tag());
        this.config = config;
        requireParser(config.parse());
        UdpMessageHandler handler = new UdpMessageHandler(ctx, new UdpMessageHandler.Settings(datagramLimit(config.messageLengthLimit()),
                config.removeNewline(), config.sourceAddressKey(), config.sourceHostnameKey()),
                new ParsedLines(config.tag(), Parsers.create(config.parse(), ParserEnv.of(ctx)), ctx));
        this.server = new UdpServer(ctx, "udp", handler);
    }

    /** message_length_limit, which a datagram's payload cannot exceed anyway. */
    public static int datagramLimit(Size messageLengthLimit) {
        long limit = messageLengthLimit.bytes();
        if (limit < 1 || limit > 65507) {
            throw new IllegalArgumentException("message_length_limit must be between 1 and 65507 (the largest UDP payload)");
        }
        return (int) limit;
    }

    @Override
    protected MessageServer server() {
        return server;
    }

    @Override
    public void start() throws Exception {
        server.start(config.bind(), config.port(), config.receiveBufferSize() == null ? null : (int) config.receiveBufferSize().bytes());
    }
}
