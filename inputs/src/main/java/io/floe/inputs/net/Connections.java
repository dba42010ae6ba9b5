package io.floe.inputs.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The accepted connections of one network input and the event loops they run on: pausing and resuming them all (a
 * full buffer pushes back on every client), whether the loops still answer, and closing.
 */
public final class Connections {
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final LoopLiveness liveness = new LoopLiveness();

    public Connections(String threadName) {
        this.workers = new NioEventLoopGroup(Math.min(4, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory(threadName, true));
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public ChannelGroup channels() {
        return channels;
    }

    /**
     * Applies pause or resume on every connection's event loop and, unless called from one of those loops, waits
     * until it has: once a pause returns, no connection starts another read.
     */
    public void switchReading(boolean on) {
        List<Future<?>> applied = new ArrayList<>();
        for (Channel ch : channels) {
            applied.add(ch.eventLoop().submit(() -> {
                if (on) {
                    ReadSwitch.on(ch, ReadSwitch.PAUSED);
                } else {
                    ReadSwitch.off(ch, ReadSwitch.PAUSED);
                }
            }));
        }
        boolean onOurLoop = StreamSupport.stream(workers.spliterator(), false).anyMatch(e -> e.inEventLoop());
        if (!onOurLoop) {
            applied.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
        }
    }

    /** Pauses or resumes accepting on {@code listener} and reading on every connection; either may be null (not started). */
    public static void switchReading(NetListener listener, Connections connections, boolean on) {
        if (listener != null) {
            listener.accepting(on);
        }
        if (connections != null) {
            connections.switchReading(on);
        }
    }

    /** Takes an accepted connection onto these event loops with its pipeline's initializer, as Netty's own acceptor would. */
    public void register(Channel child, ChannelHandler initializer) {
        child.pipeline().addLast(initializer);
        workers.register(child).addListener(f -> {
            if (!f.isSuccess()) {
                child.unsafe().closeForcibly();
            }
        });
    }

    /**
     * The start of every connection's pipeline: it joins the group before the pause check, so a pause either sees the
     * channel or the channel sees the pause; then the read gate and, with {@code tls}, the TLS handler.
     */
    public void admit(Channel ch, boolean paused, SslContext tls) {
        channels.add(ch);
        if (paused) {
            ReadSwitch.off(ch, ReadSwitch.PAUSED);
        }
        ch.pipeline().addLast("read-switch", ReadSwitch.Gate.INSTANCE);
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
    }

    /** False when a loop has not run a no-op within {@code timeout} (see {@link LoopLiveness}). */
    public boolean alive(Duration timeout) {
        return workers.isShuttingDown() || liveness.check(workers, timeout);
    }

    /** Closes every connection, then the loops. */
    public void close() {
        channels.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
