package io.floe.inputs.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listening channel's dispatcher: connections go to the attached input, or wait for the next one. */
class AcceptDispatcherTest {

    @Test
    void connectionsAcceptedWhileNoInputIsAttachedWaitForTheNextOne() {
        AcceptDispatcher dispatcher = new AcceptDispatcher();
        EmbeddedChannel listening = new EmbeddedChannel(dispatcher);
        List<Channel> first = new ArrayList<>();
        dispatcher.attach(first::add);
        EmbeddedChannel a = new EmbeddedChannel();
        listening.writeInbound(a);
        assertEquals(List.of(a), first);

        dispatcher.detach();
        EmbeddedChannel b = new EmbeddedChannel();
        listening.writeInbound(b);
        assertEquals(List.of(a), first, "nothing goes to a detached input");
        assertTrue(b.isOpen(), "the waiting connection is kept open");

        List<Channel> second = new ArrayList<>();
        dispatcher.attach(second::add);
        assertEquals(List.of(b), second);
        assertTrue(listening.inboundMessages().isEmpty(), "accepted channels are not passed down the listening pipeline");
    }

    @Test
    void aConnectionTheInputCannotTakeIsClosedAndOnesLeftOverAtCloseToo() {
        AcceptDispatcher dispatcher = new AcceptDispatcher();
        EmbeddedChannel listening = new EmbeddedChannel(dispatcher);
        dispatcher.attach(ch -> {
            throw new IllegalStateException("stopping");
        });
        EmbeddedChannel refused = new EmbeddedChannel();
        listening.writeInbound(refused);
        assertFalse(refused.isOpen());

        dispatcher.detach();
        EmbeddedChannel waiting = new EmbeddedChannel();
        listening.writeInbound(waiting);
        dispatcher.closeWaiting();
        assertFalse(waiting.isOpen());
    }

    @Test
    void aFailedAcceptBacksOffInsteadOfBeingSwallowed() {
        int[] backoffs = {0};
        EmbeddedChannel listening = new EmbeddedChannel(new AcceptDispatcher(() -> backoffs[0]++));
        listening.pipeline().fireExceptionCaught(new java.io.IOException("Too many open files"));
        assertEquals(1, backoffs[0]);
        listening.checkException();
    }
}
