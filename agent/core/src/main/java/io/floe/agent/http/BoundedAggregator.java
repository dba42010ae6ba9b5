package io.floe.agent.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Gathers a request's body up to the listener's bound. A larger one is answered 413 and the connection
 * closed: Netty's own answer may keep it open, and the rest of the refused body would then be read as
 * the next request.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    BoundedAggregator(int maxRequestBytes) {
        super(maxRequestBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(HttpResponses.toNetty(HttpResponses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE), false, false, false))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
