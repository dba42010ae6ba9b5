package io.floe.outputs.forward;

import io.floe.codec.forward.Ack;
import io.floe.codec.forward.Helo;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last handler of a client connection: says when the connection is ready (after TLS and the shared-key
 * handshake, when those are configured), and completes the waiting sends when the server answers
 * {@code {"ack": id}}. A connection that breaks fails everything still waiting on it, so the chunk goes
 * elsewhere at once instead of waiting out ack_response_timeout.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private final boolean awaitHandshake;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
    private volatile Throwable failure;

    ConnectionHandler(boolean awaitHandshake) {
        this.awaitHandshake = awaitHandshake;
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Registers an ack to wait for; call before the message is written. */
    CompletableFuture<Void> expectAck(String id) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Throwable broken = failure;
        if (broken != null) {
            f.completeExceptionally(broken);
            return f;
        }
        acks.put(id, f);
        return f;
    }

    void forget(String id) {
        acks.remove(id);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!awaitHandshake) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready.complete(null);
            } else {
                ssl.handshakeFuture().addListener(f -> {
                    if (f.isSuccess()) {
                        ready.complete(null);
                    } else {
                        fail(new IOException("TLS handshake failed: " + f.cause().getMessage(), f.cause()));
                    }
                });
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ConnectionReady.EVENT) {
            ready.complete(null);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof byte[] frame) {
            if (Helo.is(frame)) {
                // Without this check the server would take our first message for a PING and refuse it.
                exceptionCaught(ctx, new ClientHandshake.Failure(
                        "the server requires the shared-key handshake (it sent HELO); configure <security> in the forward output"));
                return;
            }
            String id = Ack.idOf(frame);
            CompletableFuture<Void> f = id == null ? null : acks.remove(id);
            if (f != null) {
                f.complete(null);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new ClosedChannelException());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        io.floe.api.FatalErrors.exitIfFatal(cause);
        Throwable unwrapped = cause.getCause() instanceof ClientHandshake.Failure h ? h : cause;
        fail(unwrapped);
        ctx.close();
    }

    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ready.completeExceptionally(failure);
        for (String id : acks.keySet()) {
            CompletableFuture<Void> f = acks.remove(id);
            if (f != null) {
                f.completeExceptionally(failure);
            }
        }
    }
}
