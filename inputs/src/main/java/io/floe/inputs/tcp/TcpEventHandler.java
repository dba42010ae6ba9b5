package io.floe.inputs.tcp;

import io.floe.api.FatalErrors;
import io.floe.api.PluginContext;
import io.floe.codec.event.EventStream;
import io.floe.inputs.forward.ForwardErrorHandler;
import io.floe.inputs.net.Hostnames;
import io.floe.inputs.net.Messages;
import io.floe.inputs.net.ReadSwitch;
import io.floe.inputs.net.TaggedBatch;
import io.floe.inputs.net.Throttle;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Parses the lines of one connection and emits them, one emit per socket read. The client's address and hostname
 * (looked up off the event loop, the connection not read meanwhile) go into each record under the configured keys.
 * Too many emits in flight stop the connection from reading until they complete; a refused emit is counted in
 * {@code num_errors} and logged at most once per interval (TCP has no ack to withhold: those lines are lost, as in
 * Fluentd, and a full buffer with {@code overflow_action block} pauses reading instead).
 */
final class TcpEventHandler extends ChannelInboundHandlerAdapter {
    private final PluginContext plugin;
    private final TcpChannelInitializer.Settings settings;
    private final Messages messages;
    private final Executor resolver;
    private final Throttle refusals;
    private final TaggedBatch batch = new TaggedBatch();
    private Map<String, String> source = Map.of();
    private String peer;
    private int inFlight;
    private boolean reported;

    TcpEventHandler(PluginContext plugin, TcpChannelInitializer.Settings settings, Messages messages, Executor resolver, Throttle refusals) {
        this.plugin = plugin;
        this.settings = settings;
        this.messages = messages;
        this.resolver = resolver;
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peer = ForwardErrorHandler.peer(ctx.channel().remoteAddress());
        InetAddress a = ctx.channel().remoteAddress() instanceof InetSocketAddress i ? i.getAddress() : null;
        String address = a != null ? a.getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        source = source(address, address);
        if (settings.sourceHostnameKey() != null && a != null) {
            Hostnames.lookUp(ctx, a, resolver, found -> source = source(address, found));
        }
        ctx.fireChannelActive();
    }

    private Map<String, String> source(String address, String hostname) {
        Map<String, String> s = new LinkedHashMap<>(4);
        if (settings.sourceAddressKey() != null) {
            s.put(settings.sourceAddressKey(), address);
        }
        if (settings.sourceHostnameKey() != null) {
            s.put(settings.sourceHostnameKey(), hostname);
        }
        return s;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        messages.add((String) msg, source, batch, peer);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        emit(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        emit(ctx);
        ctx.fireChannelInactive();
    }

    private void emit(ChannelHandlerContext ctx) {
        // Completions always come later on the loop, so they find inFlight counted.
        inFlight += batch.emit(plugin, (events, err) -> {
            try {
                ctx.executor().execute(() -> completed(ctx, events, err));
            } catch (RejectedExecutionException stopping) {
                // the input is stopping: the connection and its count are gone
            }
        });
        if (inFlight >= settings.maxInFlight()) {
            ReadSwitch.off(ctx.channel(), ReadSwitch.BUSY);
        }
    }

    private void completed(ChannelHandlerContext ctx, EventStream events, Throwable err) {
        inFlight--;
        if (inFlight < settings.maxInFlight() && ReadSwitch.isOff(ctx.channel(), ReadSwitch.BUSY)) {
            ReadSwitch.on(ctx.channel(), ReadSwitch.BUSY);
        }
        if (err != null) {
            FatalErrors.exitIfFatal(err);
            plugin.metrics().numErrors.increment();
            long more = refusals.pass();
            if (more >= 0) {
                plugin.log().warn("emit transaction failed, {} events lost: error_class={} error=\"{}\" host=\"{}\"{}", events.count(),
                        err.getClass().getName(), err.getMessage(), peer, Throttle.more(more));
            }
        }
    }

    /** A network failure is only debug noise; anything else is logged once per connection. Either closes it. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FatalErrors.exitIfFatal(cause);
        if (cause instanceof IOException && !(cause instanceof javax.net.ssl.SSLException) || reported) {
            plugin.log().debug("tcp connection from {} failed: {}", peer, cause.toString());
        } else {
            reported = true;
            plugin.metrics().numErrors.increment();
            plugin.log().warn("closing tcp connection from {}: {}", peer, cause.toString());
        }
        ctx.close();
    }
}
