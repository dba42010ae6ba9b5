package io.floe.outputs.forward;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Runs {@link ClientHandshake} on a new connection: HELO in, PING out, PONG in. On success it removes itself and
 * fires {@link ConnectionReady#EVENT}; on failure it closes the connection and reports the
 * {@link ClientHandshake.Failure}, so no event is ever written to a server that did not let us in.
 * <pre>
 * [SslHandler] → ResponseFrameDecoder → ClientHandshakeHandler → ConnectionHandler
 * </pre>
 */
final class ClientHandshakeHandler extends ChannelInboundHandlerAdapter {
    private final ClientHandshake handshake;
    private boolean pingSent;

    ClientHandshakeHandler(ClientHandshake handshake) {
        this.handshake = handshake;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof byte[] frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (!pingSent) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.ping(frame)));
                pingSent = true;
                return;
            }
            handshake.pong(frame);
            ctx.pipeline().remove(this);
            ctx.fireUserEventTriggered(ConnectionReady.EVENT);
        } catch (ClientHandshake.Failure e) {
            ctx.fireExceptionCaught(e);
            ctx.close();
        }
    }
}
