package io.floe.agent.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Counts a connection's request body against the listener's {@link BodyMemory} as it arrives, before the
 * aggregator gathers it. A complete body's bytes pass to the {@link HttpRequestHandler} (see
 * {@link #handedOver}), which gives them back once the request is answered; a body cut short (refused, too
 * large, the client gone) is given back here when the connection closes.
 */
final class BodyAccounting extends ChannelInboundHandlerAdapter {
    private final BodyMemory memory;
    /** The bytes of the body arriving now. Event loop only. */
    private long partial;
    private boolean refused;

    BodyAccounting(BodyMemory memory) {
        this.memory = memory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            refused = false;
        }
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent c) {
            int n = c.content().readableBytes();
            if (n > 0 && !memory.take(n, partial)) {
                refused = true;
                memory.give(partial);
                partial = 0;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(HttpResponses.toNetty(HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE), false, false, false))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            partial += n;
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * The aggregated request of {@code bytes} reached the handler, which gives them back once it is
     * answered. A body the aggregator refused never does: its bytes stay here until the connection closes.
     */
    void handedOver(long bytes) {
        partial -= bytes;
    }

    /** What the connection holds of a body the handler has not been handed. */
    long partial() {
        return partial;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        memory.give(partial);
        partial = 0;
        super.channelInactive(ctx);
    }
}
