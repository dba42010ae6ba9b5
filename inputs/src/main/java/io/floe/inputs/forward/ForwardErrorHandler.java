package io.floe.inputs.forward;

import io.floe.api.FatalErrors;
import io.floe.api.PluginMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;

/**
 * The last handler of a connection: whatever went wrong on it closes it. A peer that broke the protocol
 * is logged once, at warn, with its address, and counted in {@code num_errors}; later errors of the same
 * connection and plain network failures (a reset, a broken pipe) are only debug noise. An
 * OutOfMemoryError is not a peer's fault to log and move on from: it ends the process ({@link FatalErrors}).
 */
public final class ForwardErrorHandler extends ChannelInboundHandlerAdapter {
    private final Logger log;
    private final PluginMetrics metrics;
    private boolean reported;

    public ForwardErrorHandler(Logger log, PluginMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FatalErrors.exitIfFatal(cause);
        Throwable c = cause;
        while (c instanceof DecoderException && !(c instanceof ForwardProtocolException) && c.getCause() != null) {
            c = c.getCause();
        }
        String peer = peer(ctx.channel().remoteAddress());
        if (c instanceof IOException && !(c instanceof SSLException)) {
            log.debug("forward connection from {} failed: {}", peer, c.toString());
        } else if (!reported) {
            reported = true;
            metrics.numErrors.increment();
            // A codec's own complaint reads well alone; anything else is unexpected and keeps its class name.
            log.warn("closing forward connection from {}: {}", peer, c instanceof DecoderException ? c.getMessage() : c.toString());
        } else {
            log.debug("forward connection from {}: {}", peer, c.toString());
        }
        ctx.close();
    }

    /** {@code address:port}, as in every log line about a connection. */
    public static String peer(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return (i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString()) + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
