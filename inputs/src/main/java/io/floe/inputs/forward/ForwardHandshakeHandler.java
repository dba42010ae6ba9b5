package io.floe.inputs.forward;

import io.floe.codec.forward.Helo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * The {@code <security>} handshake on one connection: sends HELO as soon as the connection is up, takes
 * the first frame as PING, answers PONG. On success it removes itself and later frames flow straight to
 * the message decoder; on failure it sends PONG with the reason, closes once that is written, and
 * reports the failure (a {@link ForwardProtocolException}) to the pipeline's error handler.
 * <pre>
 * ForwardFrameDecoder → ForwardHandshakeHandler → ForwardMessageDecoder
 * </pre>
 */
public final class ForwardHandshakeHandler extends ChannelInboundHandlerAdapter {
    private final ForwardAuthenticator authenticator;
    private final boolean keepalive;
    private final SecureRandom random;
    private Helo helo;
    private boolean failed;

    ForwardHandshakeHandler(ForwardAuthenticator authenticator, boolean keepalive, SecureRandom random) {
        this.authenticator = authenticator;
        this.keepalive = keepalive;
        this.random = random;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        helo = Helo.fresh(random, keepalive);
        // Under TLS the SslHandler holds this until its own handshake is done.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(helo.toMsgpack()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed || helo == null || !(msg instanceof ByteBuf frame)) {
            // Whatever follows a failed PING is not read; the connection is closing.
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] ping;
        try {
            ping = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        ForwardAuthenticator.Outcome o = authenticator.check(ping, remoteAddress(ctx), helo);
        if (o.ok()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(o.pong()));
            ctx.pipeline().remove(this);
            return;
        }
        failed = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(o.pong())).addListener(ChannelFutureListener.CLOSE);
        ctx.fireExceptionCaught(new ForwardProtocolException("authentication failed: " + o.reason()
                + (o.clientHostname().isEmpty() ? "" : " (client hostname \"" + o.clientHostname() + "\")")));
    }

    /** The peer's address, or null when the channel has none (an embedded test channel). */
    private static InetAddress remoteAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
