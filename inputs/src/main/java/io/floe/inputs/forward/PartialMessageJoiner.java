package io.floe.inputs.forward;

import io.floe.codec.event.EventStream;
import io.floe.codec.msgpack.MsgpackCursor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * {@code join_partial_messages}: Docker splits lines longer than 16 KiB into records marked
 * {@code partial_message: "true"} with {@code partial_id}, {@code partial_ordinal} and
 * {@code partial_last}; this joins them back into one record per line, emitted where its last part
 * arrives. Parts are held per connection; a line is also emitted, never dropped, when it grows past
 * {@code maxBytes}, when no part came for {@code flushInterval}, and when the connection closes.
 * <p>The parts' messages are acknowledged as they arrive (Docker waits for each ack before sending the
 * next part), so parts held here are in memory only.
 * <pre>
 * ForwardMessageDecoder → PartialMessageJoiner → ForwardEventHandler
 * </pre>
 */
public final class PartialMessageJoiner extends ChannelInboundHandlerAdapter {
    /**
     * The key as it appears on the wire (fixstr header 0xaf, 15 bytes): a cheap prefilter, so streams
     * without partial lines (nearly all) pass without their records being read.
     */
    private static final byte[] MARKER = "\u00afpartial_message".getBytes(StandardCharsets.ISO_8859_1);

    private final int maxBytes;
    private final long heldLimit;
    private final long flushIntervalNanos;
    private final Map<String, PartialGroup> groups = new LinkedHashMap<>();
    private long heldBytes;
    private long tick;
    private ScheduledFuture<?> timer;

    public PartialMessageJoiner(int maxBytes, Duration flushInterval) {
        this.maxBytes = maxBytes;
        // A few lines' worth per connection (stdout and stderr may both be mid-line), plus their records.
        this.heldLimit = 4L * maxBytes + (64 << 10);
        this.flushIntervalNanos = flushInterval.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ForwardMessage m && contains(m.events(), MARKER)) {
            ctx.fireChannelRead(m.withEvents(join(ctx, m.tag(), m.events())));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private EventStream join(ChannelHandlerContext ctx, String tag, EventStream in) {
        byte[] buf = in.array();
        MsgpackCursor r = new MsgpackCursor(buf, in.offset(), in.length());
        int count = 0;
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            while (r.hasNext()) {
                int entryStart = r.position();
                int n = r.readArrayHeader("entry");
                int timeStart = r.position();
                r.skip();
                int recordStart = r.position();
                List<RecordEditor.Field> fields = RecordEditor.fields(r);
                int recordEnd = r.position();
                for (int i = 2; i < n; i++) {
                    r.skip();
                }
                Map<String, RecordEditor.Field> byKey = new LinkedHashMap<>();
                fields.stream().filter(f -> f.key() != null).forEach(f -> byKey.put(f.key(), f));
                String id = value(buf, byKey, "partial_id");
                if (!"true".equals(value(buf, byKey, "partial_message")) || id == null) {
                    out.writePayload(buf, entryStart, r.position() - entryStart);
                    count++;
                    continue;
                }
                String key = tag + '\0' + id;
                PartialGroup g = groups.get(key);
                if (g == null) {
                    g = new PartialGroup(tag, PartialGroup.copy(buf, timeStart, recordStart), PartialGroup.copy(buf, recordStart, recordEnd), tick);
                    groups.put(key, g);
                    heldBytes += g.bytes();
                }
                RecordEditor.Field log = byKey.get("log");
                byte[] text = log == null ? null : RecordEditor.stringBytes(buf, log);
                byte[] part = text == null ? new byte[0] : text;
                g.add(ordinal(value(buf, byKey, "partial_ordinal")), part, tick);
                heldBytes += part.length;
                if ("true".equals(value(buf, byKey, "partial_last")) || g.logBytes() >= maxBytes) {
                    release(key, g).writeJoined(out);
                    count++;
                }
            }
            count += evictOverCap(out);
            byte[] b = out.toByteArray();
            schedule(ctx);
            return new EventStream(b, 0, b.length, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps one connection's held parts under a few lines' worth by emitting the oldest lines early. */
    private int evictOverCap(MessageBufferPacker out) throws IOException {
        int n = 0;
        Iterator<Map.Entry<String, PartialGroup>> it = groups.entrySet().iterator();
        while (heldBytes > heldLimit && it.hasNext()) {
            PartialGroup g = it.next().getValue();
            it.remove();
            heldBytes -= g.bytes();
            g.writeJoined(out);
            n++;
        }
        return n;
    }

    private PartialGroup release(String key, PartialGroup g) {
        groups.remove(key);
        heldBytes -= g.bytes();
        return g;
    }

    /**
     * Ticks every flush interval while lines are held. A line untouched for a whole tick is flushed,
     * so an unfinished line waits between one and two intervals; no clock is read.
     */
    private void schedule(ChannelHandlerContext ctx) {
        if (timer == null && !groups.isEmpty()) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                flush(ctx, false);
                tick++;
                schedule(ctx);
            }, flushIntervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Emits every line (or those not touched since the last tick), one internal message per tag. */
    private void flush(ChannelHandlerContext ctx, boolean all) {
        Map<String, List<PartialGroup>> byTag = new LinkedHashMap<>();
        for (Iterator<PartialGroup> it = groups.values().iterator(); it.hasNext(); ) {
            PartialGroup g = it.next();
            if (all || g.lastTick < tick) {
                it.remove();
                heldBytes -= g.bytes();
                byTag.computeIfAbsent(g.tag, t -> new ArrayList<>()).add(g);
            }
        }
        byTag.forEach((tag, list) -> {
            try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
                for (PartialGroup g : list) {
                    g.writeJoined(out);
                }
                byte[] b = out.toByteArray();
                ctx.fireChannelRead(ForwardMessage.internal(tag, new EventStream(b, 0, b.length, list.size())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flush(ctx, true);
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static String value(byte[] buf, Map<String, RecordEditor.Field> byKey, String key) {
        RecordEditor.Field f = byKey.get(key);
        return f == null ? null : RecordEditor.string(buf, f);
    }

    private static long ordinal(String text) {
        try {
            return text == null ? Long.MAX_VALUE : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static boolean contains(EventStream s, byte[] needle) {
        byte[] b = s.array();
        int last = s.offset() + s.length() - needle.length;
        outer:
        for (int i = s.offset(); i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
