package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForwardWritabilityHandlerTest {
    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
        ch.pipeline().addLast(new ForwardWritabilityHandler(Duration.ofSeconds(30)));
        return ch;
    }

    /** Queues writes without flushing them: the outbound buffer of a client that does not read. */
    private static void fillOutbound(EmbeddedChannel ch) {
        ch.write(Unpooled.wrappedBuffer(new byte[32]));
    }

    @Test
    void stopsReadingWhileTheClientLeavesItsAcksUnread() {
        EmbeddedChannel ch = channel();
        fillOutbound(ch);
        assertFalse(ch.isWritable());
        assertFalse(ch.config().isAutoRead());
        ch.flush(); // the client caught up
        assertTrue(ch.isWritable());
        assertTrue(ch.config().isAutoRead());
        ch.advanceTimeBy(60, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen(), "no timeout once writable again");
        ch.finishAndReleaseAll();
    }

    @Test
    void closesAClientThatStaysBehindTooLong() {
        EmbeddedChannel ch = channel();
        fillOutbound(ch);
        ch.advanceTimeBy(29, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        ForwardProtocolException e = assertThrows(ForwardProtocolException.class, ch::checkException);
        assertTrue(e.getMessage().matches("client does not read its acks: \\d+ bytes unsent for 30s"), e.getMessage());
        ch.finishAndReleaseAll();
    }
}
