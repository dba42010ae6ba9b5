package io.floe.inputs.forward;

import io.floe.api.PluginContext;
import io.floe.codec.event.EventStream;
import io.floe.codec.forward.Ack;
import io.floe.inputs.net.Hostnames;
import io.floe.inputs.net.ReadSwitch;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Hands each message's events to the router and answers {@code {"ack": chunk}} once the router's stage
 * completes, that is once every matching output holds the events. Acks leave in the order the messages
 * came, even when emits complete out of order. A refused emit (a full buffer, a full disk) is counted
 * in {@code num_errors} and logged (see {@link RefusalLog}); when its message asked for an ack, the acks of
 * the messages before it are written and the connection is closed, as Fluentd does: a client such as
 * Docker's fluentd driver waits for each ack with no deadline, and only a close makes it send again.
 * Too many emits in flight on one connection stop it from reading until they complete.
 * <p>Applies {@code tag}, {@code add_tag_prefix} and {@code source_address_key} /
 * {@code source_hostname_key}; the latter is the one path here that rewrites records.
 */
public final class ForwardEventHandler extends SimpleChannelInboundHandler<ForwardMessage> {
    /** The in_forward parameters this handler applies. */
    record Settings(String tag, String addTagPrefix, String sourceAddressKey, String sourceHostnameKey,
                    boolean resolveHostname, boolean denyKeepalive, long chunkSizeWarnLimit, int maxInFlight) {
    }

    private static final class Pending {
        final String chunk;
        boolean done;
        Throwable error;

        Pending(String chunk) {
            this.chunk = chunk;
        }
    }

    private final PluginContext plugin;
    private final Settings settings;
    private final Executor resolver;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<Runnable> whenAnswered = new ArrayDeque<>();
    private final RefusalLog refusals;
    private String hostname;
    private boolean closing;

    ForwardEventHandler(PluginContext plugin, Settings settings, Executor resolver, RefusalLog refusals) {
        this.plugin = plugin;
        this.refusals = refusals;
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress a = address(ctx);
        if ((settings.resolveHostname() || settings.sourceHostnameKey() != null) && a != null) {
            Hostnames.lookUp(ctx, a, resolver, found -> hostname = found);
        }
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ForwardMessage m) {
        if (closing) {
            return;
        }
        String peer = hostname != null ? hostname : ForwardErrorHandler.peer(ctx.channel().remoteAddress());
        if (settings.chunkSizeWarnLimit() > 0 && m.frameBytes() > settings.chunkSizeWarnLimit()) {
            plugin.log().warn("Input chunk size is larger than 'chunk_size_warn_limit': tag=\"{}\" host=\"{}\" limit={} size={}",
                    m.tag(), peer, settings.chunkSizeWarnLimit(), m.frameBytes());
        }
        if (m.skipped() > 0) {
            plugin.log().warn("skip invalid event: {} ({} dropped) tag=\"{}\" host=\"{}\"", m.skipReason(), m.skipped(), m.tag(), peer);
        }
        if (m.signal() != ForwardMessage.SIGNAL_LOGS) {
            plugin.log().debug("ignoring fluent_signal {} (not log records) tag=\"{}\" host=\"{}\"", m.signal(), m.tag(), peer);
        }
        Pending p = new Pending(m.chunk());
        pending.add(p);
        if (settings.denyKeepalive()) {
            closing = true;
        }
        EventStream events = m.events();
        if (events.count() == 0) {
            complete(ctx, p, null);
            return;
        }
        String tag = tag(m.tag());
        events = withSource(ctx, events);
        plugin.metrics().emitted(events);
        CompletionStage<Void> stage;
        try {
            stage = plugin.router().emit(tag, events);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((ok, err) -> onLoop(ctx, () -> complete(ctx, p, err)));
        if (pending.size() >= settings.maxInFlight()) {
            ReadSwitch.off(ctx.channel(), ReadSwitch.BUSY);
        }
    }

    /** Handler state is the event loop's alone; completions from other threads hop onto it. */
    private static void onLoop(ChannelHandlerContext ctx, Runnable r) {
        if (ctx.executor().inEventLoop()) {
            r.run();
        } else {
            ctx.executor().execute(r);
        }
    }

    private String tag(String incoming) {
        String t = settings.tag() != null ? settings.tag() : incoming;
        return settings.addTagPrefix() != null ? settings.addTagPrefix() + "." + t : t;
    }

    private EventStream withSource(ChannelHandlerContext ctx, EventStream events) {
        if (settings.sourceAddressKey() == null && settings.sourceHostnameKey() == null) {
            return events;
        }
        InetAddress a = address(ctx);
        String addr = a != null ? a.getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        Map<String, String> add = new LinkedHashMap<>();
        if (settings.sourceAddressKey() != null) {
            add.put(settings.sourceAddressKey(), addr);
        }
        if (settings.sourceHostnameKey() != null) {
            add.put(settings.sourceHostnameKey(), hostname != null ? hostname : addr);
        }
        return RecordEditor.setStrings(events, add);
    }

    private void complete(ChannelHandlerContext ctx, Pending p, Throwable err) {
        p.done = true;
        p.error = err;
        if (err != null) {
            io.floe.api.FatalErrors.exitIfFatal(err);
            plugin.metrics().numErrors.increment();
            refusals.refused(err, ForwardErrorHandler.peer(ctx.channel().remoteAddress()));
        }
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().done) {
            Pending head = pending.poll();
            if (head.chunk == null) {
                continue; // no ack asked for: nothing to answer, refused or not
            }
            if (head.error != null) {
                refusedAwaitingAck(ctx);
                return;
            }
            ctx.write(Unpooled.wrappedBuffer(Ack.of(head.chunk)));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (pending.size() < settings.maxInFlight() && ReadSwitch.isOff(ctx.channel(), ReadSwitch.BUSY)) {
            ReadSwitch.on(ctx.channel(), ReadSwitch.BUSY);
        }
        while (pending.isEmpty() && !whenAnswered.isEmpty()) {
            whenAnswered.poll().run();
        }
        if (closing && pending.isEmpty()) {
            // deny_keepalive: one message per connection, closed once its ack is out.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * A message that asked for an ack was refused: the acks before it are out (written in order above),
     * and the connection closes once they are flushed. Messages after it are dropped unanswered; the
     * client resends them with it on its next connection.
     */
    private void refusedAwaitingAck(ChannelHandlerContext ctx) {
        closing = true;
        pending.clear();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        while (!whenAnswered.isEmpty()) {
            whenAnswered.poll().run();
        }
    }

    /**
     * Runs {@code r} once every message read so far is answered (acked, or refused and left to the
     * client's resend): a stopping input waits for this before it closes the connection. Call on the
     * channel's event loop.
     */
    void whenAnswered(Runnable r) {
        if (pending.isEmpty()) {
            r.run();
        } else {
            whenAnswered.add(r);
        }
    }

    /** From now on messages are dropped unanswered: the connection is closing and the client will resend them. */
    void answerNoMore() {
        closing = true;
    }

    private static InetAddress address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
