package io.floe.inputs.forward;

import io.floe.api.PluginContext;
import io.floe.inputs.net.Connections;
import io.floe.inputs.net.FrameMemory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Builds the pipeline of one accepted connection, each handler one concern:
 * <pre>
 * [tls] → writability → frames (or sniff: msgpack frames | JSON) → [handshake] → messages
 *       → [partials] → events → errors
 * </pre>
 * JSON is only sniffed without {@code <security>}: the handshake is msgpack, as in Fluentd.
 */
final class ForwardChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ForwardInput.Config config;
    private final ForwardLimits limits;
    private final PluginContext plugin;
    private final SslContext tls;
    private final ForwardAuthenticator authenticator;
    private final Connections connections;
    private final BooleanSupplier paused;
    private final Executor resolver;
    private final SecureRandom random = new SecureRandom();
    private final ForwardEventHandler.Settings settings;
    private final int maxFrameBytes;
    private final int inflateLimit;
    private final RefusalLog refusals;
    private final FrameMemory memory;

    ForwardChannelInitializer(ForwardInput.Config config, ForwardLimits limits, PluginContext plugin, SslContext tls,
                              ForwardAuthenticator authenticator, Connections connections, BooleanSupplier paused, Executor resolver,
                              FrameMemory memory, int maxFrameBytes, int inflateLimit) {
        this.memory = memory;
        this.config = config;
        this.limits = limits;
        this.plugin = plugin;
        this.tls = tls;
        this.authenticator = authenticator;
        this.connections = connections;
        this.paused = paused;
        this.resolver = resolver;
        this.refusals = new RefusalLog(plugin);
        this.maxFrameBytes = maxFrameBytes;
        this.inflateLimit = inflateLimit;
        this.settings = new ForwardEventHandler.Settings(config.tag(), config.addTagPrefix(), config.sourceAddressKey(),
                config.sourceHostnameKey(), config.resolveHostname(), config.denyKeepalive(),
                config.chunkSizeWarnLimit() == null ? 0 : config.chunkSizeWarnLimit().bytes(), limits.maxInFlight());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.admit(ch, paused.getAsBoolean(), tls);
        ChannelPipeline p = ch.pipeline();
        p.addLast("writability", new ForwardWritabilityHandler(limits.unwritableTimeout()));
        if (authenticator != null) {
            p.addLast("frames", new ForwardFrameDecoder(maxFrameBytes, limits.frameTimeout(), memory));
            p.addLast("handshake", new ForwardHandshakeHandler(authenticator, !config.denyKeepalive(), random));
        } else {
            p.addLast("sniff", new ForwardProtocolSniffer(maxFrameBytes, limits.frameTimeout(), memory));
        }
        p.addLast("messages", new ForwardMessageDecoder(config.skipInvalidEvent(), inflateLimit, memory));
        if (config.joinPartialMessages()) {
            p.addLast("partials", new PartialMessageJoiner((int) config.partialMaxSize().bytes(), config.partialFlushInterval()));
        }
        p.addLast("events", new ForwardEventHandler(plugin, settings, resolver, refusals));
        p.addLast("errors", new ForwardErrorHandler(plugin.log(), plugin.metrics()));
    }
}
