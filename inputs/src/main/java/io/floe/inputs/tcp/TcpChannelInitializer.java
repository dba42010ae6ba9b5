package io.floe.inputs.tcp;

import io.floe.api.PluginContext;
import io.floe.codec.text.RubyText;
import io.floe.inputs.forward.ForwardErrorHandler;
import io.floe.inputs.net.Connections;
import io.floe.inputs.net.FrameMemory;
import io.floe.inputs.net.LineDecoder;
import io.floe.inputs.net.Messages;
import io.floe.inputs.net.Throttle;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The pipeline of one connection of in_tcp (or in_syslog on TCP): {@code [tls] → lines → events}. */
public 
final class TcpChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** The parameters a connection applies. */
    public record Settings(String sourceAddressKey, String sourceHostnameKey, int maxInFlight) {
    }

    /** Cuts a connection's bytes into messages (Strings), each at most so long, telling {@code oversize} of longer ones. */
    @FunctionalInterface
    public interface Framing {
        ChannelHandler decoder(FrameMemory memory, LineDecoder.Oversize oversize);
    }

    private final PluginContext plugin;
    private final Settings settings;
    private final Framing framing;
    private final Messages messages;
    private final SslContext tls;
    private final FrameMemory memory;
    private final Connections connections;
    private final BooleanSupplier paused;
    private final Executor resolver;
    private final Throttle oversize = new Throttle(TimeUnit.SECONDS.toNanos(10));
    private final Throttle refusals = new Throttle(TimeUnit.SECONDS.toNanos(10));

    public TcpChannelInitializer(PluginContext plugin, Settings settings, Framing framing, Messages messages, SslContext tls, FrameMemory memory,
                          Connections connections, BooleanSupplier paused, Executor resolver) {
        this.plugin = plugin;
        this.settings = settings;
        this.framing = framing;
        this.messages = messages;
        this.tls = tls;
        this.memory = memory;
        this.connections = connections;
        this.paused = paused;
        this.resolver = resolver;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.admit(ch, paused.getAsBoolean(), tls);
        ChannelPipeline p = ch.pipeline();
        p.addLast("lines", framing.decoder(memory, this::oversize));
        p.addLast("events", new TcpEventHandler(plugin, settings, messages, resolver, refusals));
    }

    /** Fluentd's warning for a message past message_length_limit, once per interval, the client's bytes escaped. */
    private void oversize(ChannelHandlerContext ctx, int limit, ByteBuf head) {
        plugin.metrics().numErrors.increment();
        long more = oversize.pass();
        if (more >= 0) {
            plugin.log().warn("The buffer size exceeds 'message_length_limit', cleared: limit={} head={} host=\"{}\"{}", limit,
                    RubyText.forLog(head.toString(StandardCharsets.UTF_8)), ForwardErrorHandler.peer(ctx.channel().remoteAddress()),
                    Throttle.more(more));
        }
    }
}
