package io.floe.inputs.forward;

import static io.floe.testkit.Mp.list;
import static io.floe.testkit.Mp.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.testkit.Mp;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventTime;
import io.floe.codec.forward.Ack;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardProtocolSnifferTest {
    private final TestPlugin plugin = new TestPlugin();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new ForwardProtocolSniffer(1 << 20, Duration.ofSeconds(60)), new ForwardMessageDecoder(false, 1 << 20),
                new ForwardEventHandler(plugin, new ForwardEventHandler.Settings(null, null, null, null, false, false, 0, 64), Runnable::run, new RefusalLog(plugin)));
    }

    @Test
    void msgpackConnectionsGetTheFrameDecoder() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(Mp.pack(list("app", 1795236011, map("k", "v"), map("chunk", "c1")))));
        assertNotNull(ch.pipeline().get("frames"));
        assertNull(ch.pipeline().get(ForwardProtocolSniffer.class));
        assertEquals(1, plugin.router.count());
        ByteBuf ack = ch.readOutbound();
        assertEquals(Unpooled.wrappedBuffer(Ack.of("c1")), ack);
        ack.release();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void jsonConnectionsAreReadAndAnsweredInJson() throws Exception {
        EmbeddedChannel ch = channel();
        String json = "[\"app.json\", 1795236011, {\"log\":\"h\u00e9llo\",\"n\":1.5,\"ok\":true,\"none\":null}, {\"chunk\":\"j1\"}]\n"
                + "[\"app.json\", [[1795236012, {\"a\":[1,2]}], [0, {\"b\":{}}]]]";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Event> events = plugin.router.events();
        assertEquals(3, events.size());
        assertEquals(map("log", "h\u00e9llo", "n", 1.5, "ok", true, "none", null), events.get(0).record());
        assertEquals(new EventTime(1795236011, 0), events.get(0).time());
        assertEquals(map("a", list(1L, 2L)), events.get(1).record());
        ByteBuf ack = ch.readOutbound();
        assertEquals("{\"ack\":\"j1\"}", ack.toString(StandardCharsets.UTF_8));
        ack.release();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void brokenJsonClosesTheConnection() {
        EmbeddedChannel ch = channel();
        assertThrows(ForwardProtocolException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer("[\"app\", 1, {\"k\": tru}]".getBytes(StandardCharsets.UTF_8))));
        ch.finishAndReleaseAll();
    }
}
