package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.inputs.RecordingRouter;
import io.floe.testkit.Handshakes;
import io.floe.testkit.Mp;
import io.floe.codec.event.EventStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ForwardEventHandlerTest {
    private final TestPlugin plugin = new TestPlugin();
    private final List<CompletableFuture<Void>> stages = new ArrayList<>();
    private final RefusalLog refusals = new RefusalLog(plugin);

    private static ForwardEventHandler.Settings settings() {
        return new ForwardEventHandler.Settings(null, null, null, null, false, false, 0, 64);
    }

    private EmbeddedChannel channel(ForwardEventHandler.Settings s) {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40001);
        EmbeddedChannel ch = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        ch.pipeline().addLast(new ForwardEventHandler(plugin, s, Runnable::run, refusals));
        ch.pipeline().fireChannelActive();
        return ch;
    }

    /** Emits complete only when the test says so. */
    private void holdEmits() {
        plugin.router.outcome = e -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            stages.add(f);
            return f;
        };
    }

    private static ForwardMessage message(String tag, String chunk, Object... records) {
        Object[] entries = new Object[records.length];
        for (int i = 0; i < records.length; i++) {
            entries[i] = list(1795236011, records[i]);
        }
        byte[] frame = Mp.pack(list(tag, list(entries), chunk == null ? map() : map("chunk", chunk)));
        return new ForwardMessageDecoder(false, 1 << 20, Clock.systemUTC()).parse(frame);
    }

    static List<String> acks(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            if (b.isReadable()) {
                out.add(Handshakes.value(ByteBufUtil.getBytes(b)).asMapValue().map()
                        .get(org.msgpack.value.ValueFactory.newString("ack")).asStringValue().asString());
            }
            b.release();
        }
        return out;
    }

    @Test
    void emitsAndAcknowledgesOnlyOnceTheRouterHasTheEvents() throws Exception {
        holdEmits();
        EmbeddedChannel ch = channel(settings());
        ch.writeInbound(message("app", "c1", map("a", 1)));
        assertEquals(1, plugin.router.emits.size());
        assertEquals("app", plugin.router.emits.get(0).tag());
        assertEquals(List.of(), acks(ch), "no ack before the outputs hold the events");
        stages.get(0).complete(null);
        assertEquals(List.of("c1"), acks(ch));
        assertEquals(1, plugin.metrics.emitCount.sum());
        assertEquals(1, plugin.metrics.emitRecords.sum());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void acknowledgesInArrivalOrderWhenEmitsCompleteOutOfOrder() {
        holdEmits();
        EmbeddedChannel ch = channel(settings());
        ch.writeInbound(message("app", "c1", map("a", 1)), message("app", null, map("a", 2)), message("app", "c3", map("a", 3)));
        stages.get(2).complete(null);
        assertEquals(List.of(), acks(ch));
        stages.get(1).complete(null);
        assertEquals(List.of(), acks(ch));
        stages.get(0).complete(null);
        assertEquals(List.of("c1", "c3"), acks(ch));
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aRefusedEmitWithoutAckIsCountedAndLoggedOncePerInterval() {
        holdEmits();
        EmbeddedChannel ch = channel(settings());
        ch.writeInbound(message("app", null, map()), message("app", "c2", map()), message("app", null, map()));
        stages.get(0).completeExceptionally(new IllegalStateException("buffer full"));
        stages.get(1).complete(null);
        stages.get(2).completeExceptionally(new IllegalStateException("buffer full"));
        assertEquals(List.of("c2"), acks(ch));
        assertEquals(2, plugin.metrics.numErrors.sum());
        List<String> warns = plugin.log.warnings();
        assertEquals(1, warns.size(), warns.toString());
        assertTrue(warns.get(0).contains("buffer full") && warns.get(0).contains("127.0.0.1:40001"), warns.get(0));
        assertTrue(ch.isOpen(), "a client that asked for no ack has nothing to wait for");
        assertFalse(ch.finishAndReleaseAll());
    }

    /** Docker's fluentd driver waits for each ack with no deadline: a refusal it is never told of hangs the container. */
    @Test
    void aRefusedEmitThatAskedForAnAckClosesTheConnectionAfterTheAcksBeforeIt() {
        holdEmits();
        EmbeddedChannel ch = channel(settings());
        ch.writeInbound(message("app", "c1", map()), message("app", "c2", map()), message("app", "c3", map()));
        stages.get(1).completeExceptionally(new IllegalStateException("disk full"));
        assertTrue(ch.isOpen(), "c1 is not answered yet");
        stages.get(0).complete(null);
        assertEquals(List.of("c1"), acks(ch), "the ack before the refused message is written first");
        assertFalse(ch.isOpen(), "then the connection closes: the client resends c2 and c3");
        stages.get(2).complete(null);
        assertEquals(List.of(), acks(ch), "nothing after the refusal is answered");
        assertEquals(1, plugin.metrics.numErrors.sum());
        ch.finishAndReleaseAll();
    }

    @Test
    void aRouterThatThrowsIsARefusal() {
        plugin.router.outcome = e -> {
            throw new IllegalStateException("no route");
        };
        EmbeddedChannel ch = channel(settings());
        ch.writeInbound(message("app", "c1", map()));
        assertEquals(List.of(), acks(ch));
        assertEquals(1, plugin.metrics.numErrors.sum());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aMessageWithNoEventsLeftIsAcknowledgedWithoutEmitting() {
        EmbeddedChannel ch = channel(settings());
        ForwardMessage signal = new ForwardMessageDecoder(false, 1 << 20).parse(
                Mp.pack(list("app", new byte[] {1, 2}, map("fluent_signal", 2, "chunk", "t1"))));
        ForwardMessage skipped = new ForwardMessageDecoder(true, 1 << 20).parse(Mp.pack(list("app", 1, "oops", map("chunk", "t2"))));
        ch.writeInbound(signal, skipped);
        assertEquals(List.of("t1", "t2"), acks(ch));
        assertEquals(0, plugin.router.emits.size());
        assertTrue(plugin.log.warnings().get(0).startsWith("skip invalid event: record is a string"), plugin.log.warnings().toString());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void appliesTagAndTagPrefix() {
        EmbeddedChannel ch = channel(new ForwardEventHandler.Settings(null, "prefix", null, null, false, false, 0, 64));
        ch.writeInbound(message("app.web", null, map()));
        EmbeddedChannel replaced = channel(new ForwardEventHandler.Settings("fixed", "prefix", null, null, false, false, 0, 64));
        replaced.writeInbound(message("app.web", null, map()));
        assertEquals(List.of("prefix.app.web", "prefix.fixed"), plugin.router.emits.stream().map(RecordingRouter.Emit::tag).toList());
        assertFalse(ch.finishAndReleaseAll());
        assertFalse(replaced.finishAndReleaseAll());
    }

    @Test
    void addsTheSourceAddressAndHostnameReplacingFieldsOfTheSameName() throws Exception {
        EmbeddedChannel ch = channel(new ForwardEventHandler.Settings(null, null, "src_ip", "src_host", false, false, 0, 64));
        ch.writeInbound(message("app", null, map("log", "x", "src_ip", "forged"), map("n", 2)));
        List<Map<String, Object>> records = plugin.router.records();
        String host = InetAddress.getByName("127.0.0.1").getHostName();
        assertEquals(map("log", "x", "src_ip", "127.0.0.1", "src_host", host), records.get(0));
        assertEquals(map("n", 2L, "src_ip", "127.0.0.1", "src_host", host), records.get(1));
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void passesEventStreamsOnWithoutCopying() {
        EmbeddedChannel ch = channel(settings());
        ForwardMessage m = message("app", null, map("a", 1));
        ch.writeInbound(m);
        EventStream emitted = plugin.router.emits.get(0).stream();
        assertTrue(emitted == m.events(), "the decoder's stream is what the router gets");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void denyKeepaliveClosesAfterTheFirstMessageIsAcknowledged() {
        holdEmits();
        EmbeddedChannel ch = channel(new ForwardEventHandler.Settings(null, null, null, null, false, true, 0, 64));
        ch.writeInbound(message("app", "c1", map()), message("app", "c2", map()));
        assertEquals(1, plugin.router.emits.size(), "later messages on the connection are not taken");
        assertTrue(ch.isOpen());
        stages.get(0).complete(null);
        assertEquals(List.of("c1"), acks(ch));
        assertFalse(ch.isOpen());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void stopsReadingWhileTooManyEmitsAreInFlight() {
        holdEmits();
        EmbeddedChannel ch = channel(new ForwardEventHandler.Settings(null, null, null, null, false, false, 0, 2));
        ch.writeInbound(message("app", null, map()));
        assertTrue(ch.config().isAutoRead());
        ch.writeInbound(message("app", null, map()));
        assertFalse(ch.config().isAutoRead());
        stages.get(0).complete(null);
        assertTrue(ch.config().isAutoRead());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void warnsAboutMessagesOverTheWarnLimit() {
        EmbeddedChannel ch = channel(new ForwardEventHandler.Settings(null, null, null, null, false, false, 10, 64));
        ch.writeInbound(message("app", null, map("log", "a longer line")));
        assertTrue(plugin.log.warnings().get(0).startsWith("Input chunk size is larger than 'chunk_size_warn_limit'"));
        assertEquals(1, plugin.router.emits.size(), "a warning only");
        assertNull(ch.readOutbound());
        assertFalse(ch.finishAndReleaseAll());
    }
}
