package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ForwardErrorHandlerTest {
    private final TestPlugin plugin = new TestPlugin();

    private EmbeddedChannel channel() {
        InetSocketAddress peer = new InetSocketAddress("10.1.2.3", 51000);
        EmbeddedChannel ch = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        ch.pipeline().addLast(new ForwardErrorHandler(plugin.log, plugin.metrics));
        return ch;
    }

    @Test
    void closesAndLogsABadPeerOnceWithItsAddress() {
        EmbeddedChannel ch = channel();
        // Two failures in one go, as when a bad frame also trips the next handler before the close lands.
        ForwardErrorHandler h = ch.pipeline().get(ForwardErrorHandler.class);
        io.netty.channel.ChannelHandlerContext ctx = ch.pipeline().context(h);
        h.exceptionCaught(ctx, new ForwardProtocolException("message is a map, expected an array"));
        h.exceptionCaught(ctx, new ForwardProtocolException("another"));
        assertFalse(ch.isOpen());
        assertEquals(List.of("closing forward connection from 10.1.2.3:51000: message is a map, expected an array"), plugin.log.warnings());
        assertEquals(1, plugin.metrics.numErrors.sum());
        ch.finishAndReleaseAll();
    }

    @Test
    void aResetIsNoiseNotAnError() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertFalse(ch.isOpen());
        assertEquals(List.of(), plugin.log.warnings());
        assertEquals(0, plugin.metrics.numErrors.sum());
        ch.finishAndReleaseAll();
    }

    @Test
    void aFailedTlsHandshakeIsABadPeer() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new DecoderException(new SSLHandshakeException("no cipher suites in common")));
        assertEquals(1, plugin.log.warnings().size());
        assertEquals(1, plugin.metrics.numErrors.sum());
        ch.finishAndReleaseAll();
    }
}
