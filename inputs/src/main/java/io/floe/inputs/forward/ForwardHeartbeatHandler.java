package io.floe.inputs.forward;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The UDP heartbeat on the forward port: any datagram is answered with the single byte {@code 0x00},
 * sent back to the sender's address and port, as Fluentd's in_forward does for out_forward's
 * {@code heartbeat_type udp}. The reply is never larger than the request, so it cannot amplify.
 * Stateless, hence shared.
 */
@Sharable
public final class ForwardHeartbeatHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final byte[] HEARTBEAT = {0};

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (packet.sender() != null) {
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(HEARTBEAT), packet.sender()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        io.floe.api.FatalErrors.exitIfFatal(cause);
        // A failed reply (e.g. ICMP unreachable reported back) concerns that sender only; keep listening.
    }
}
