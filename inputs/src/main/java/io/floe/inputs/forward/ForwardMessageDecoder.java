package io.floe.inputs.forward;

import io.floe.codec.event.EventStream;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackException;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.inputs.forward.ForwardMessage.Mode;
import io.floe.inputs.net.FrameMemory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.time.Clock;
import java.util.List;

/**
 * Turns one frame (a complete msgpack value from {@link ForwardFrameDecoder}) into a
 * {@link ForwardMessage}. The mode is told by the second element, as the spec says: an array is Forward,
 * a str or bin is PackedForward (CompressedPackedForward with {@code compressed: "gzip"}), anything else
 * is Message mode's time. Forward and PackedForward entries reach the router as a slice of the frame's
 * bytes, never re-encoded; Message mode needs its one entry written out.
 * <p>A nil frame is the TCP heartbeat and yields nothing. Any value of the wrong type is a
 * {@link ForwardProtocolException}, except invalid events under {@code skip_invalid_event}, which are
 * dropped and reported in the message.
 * <pre>
 * ... → ForwardFrameDecoder → [ForwardHandshakeHandler] → ForwardMessageDecoder → ForwardEventHandler
 * </pre>
 */
public final class ForwardMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final ForwardEntries entries;
    private final int decompressedLimit;
    private final FrameMemory memory;
    private boolean refused;

    public ForwardMessageDecoder(boolean skipInvalidEvent, int decompressedLimit) {
        this(skipInvalidEvent, decompressedLimit, Clock.systemUTC(), FrameMemory.unbounded());
    }

    ForwardMessageDecoder(boolean skipInvalidEvent, int decompressedLimit, FrameMemory memory) {
        this(skipInvalidEvent, decompressedLimit, Clock.systemUTC(), memory);
    }

    ForwardMessageDecoder(boolean skipInvalidEvent, int decompressedLimit, Clock clock) {
        this(skipInvalidEvent, decompressedLimit, clock, FrameMemory.unbounded());
    }

    private ForwardMessageDecoder(boolean skipInvalidEvent, int decompressedLimit, Clock clock, FrameMemory memory) {
        super(ByteBuf.class);
        this.entries = new ForwardEntries(skipInvalidEvent, clock);
        this.decompressedLimit = decompressedLimit;
        this.memory = memory;
    }

    /**
     * Takes the frame's size from the input's decode budget for as long as its message is decoded and
     * emitted (the pipeline hands it to the router on this thread; the router's buffer holds it once
     * the emit returns). A frame beyond the budget is refused like a malformed one: the connection closes
     * without an ack and the client sends the message again.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf frame)) {
            super.channelRead(ctx, msg);
            return;
        }
        int bytes = frame.readableBytes();
        if (refused || !memory.takeDecoding(bytes)) {
            frame.release();
            if (refused) {
                return; // the frames of the read that brought the refused one: the connection is closing
            }
            refused = true;
            throw new ForwardProtocolException("message of " + bytes + " bytes refused: with the messages being decoded now it would exceed "
                    + memory.decodeCap() + " bytes, the share of the heap they may take; the client sends it again");
        }
        try {
            super.channelRead(ctx, msg);
        } finally {
            memory.giveDecoding(bytes);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        // One copy off the socket buffer; the entry stream handed on is a view into this array.
        ForwardMessage m = parse(ByteBufUtil.getBytes(frame));
        if (m != null) {
            out.add(m);
        }
    }

    /** The message in one complete frame; null for the nil heartbeat. */
    ForwardMessage parse(byte[] frame) {
        try {
            return parse(new MsgpackCursor(frame), frame.length);
        } catch (MsgpackException e) {
            throw new ForwardProtocolException(e.getMessage(), e);
        }
    }

    private ForwardMessage parse(MsgpackCursor r, int frameBytes) {
        MsgpackType first = r.type();
        if (first == MsgpackType.NIL) {
            return null;
        }
        if (first != MsgpackType.ARRAY) {
            throw new ForwardProtocolException("message is " + first.described() + ", expected an array");
        }
        int n = r.readArrayHeader("message");
        if (n < 2 || n > 4) {
            throw new ForwardProtocolException("message has " + n + " elements, expected 2 to 4");
        }
        if (r.type() != MsgpackType.STRING && r.type() != MsgpackType.BINARY) {
            throw new ForwardProtocolException("tag is " + r.type().described() + ", expected a string");
        }
        String tag = r.readString("tag");
        return switch (r.type()) {
            case ARRAY -> forward(r, tag, n, frameBytes);
            case STRING, BINARY -> packed(r, tag, n, frameBytes);
            default -> message(r, tag, n, frameBytes);
        };
    }

    private ForwardMessage forward(MsgpackCursor r, String tag, int n, int frameBytes) {
        if (n > 3) {
            throw new ForwardProtocolException("Forward mode message has " + n + " elements, expected 2 or 3");
        }
        int headerAt = r.position();
        r.readArrayHeader("entries");
        int bodyAt = r.position();
        r.position(headerAt);
        r.skip();
        int bodyEnd = r.position();
        Options o = n == 3 ? Options.read(r) : Options.NONE;
        if (o.signal() != ForwardMessage.SIGNAL_LOGS) {
            return signal(tag, o, Mode.FORWARD, frameBytes);
        }
        // Without its array header, the Forward body is already a stream of entries.
        ForwardEntries.Checked c = entries.stream(r.array(), bodyAt, bodyEnd - bodyAt);
        return new ForwardMessage(tag, c.events(), o.chunk(), Mode.FORWARD, frameBytes, c.skipped(), c.skipReason(), o.signal());
    }

    private ForwardMessage packed(MsgpackCursor r, String tag, int n, int frameBytes) {
        if (n > 3) {
            throw new ForwardProtocolException("PackedForward message has " + n + " elements, expected 2 or 3");
        }
        int len = r.readRawHeader("entries");
        int bodyAt = r.position();
        r.position(bodyAt + len);
        Options o = n == 3 ? Options.read(r) : Options.NONE;
        boolean gzip = "gzip".equals(o.compressed());
        Mode mode = gzip ? Mode.COMPRESSED_PACKED_FORWARD : Mode.PACKED_FORWARD;
        if (o.compressed() != null && !gzip && !"text".equals(o.compressed())) {
            throw new ForwardProtocolException("compressed \"" + o.compressed() + "\" is not supported, only gzip");
        }
        if (o.signal() != ForwardMessage.SIGNAL_LOGS) {
            return signal(tag, o, mode, frameBytes);
        }
        byte[] body = r.array();
        if (gzip) {
            GzipMembers.Inflated inflated = GzipMembers.inflate(body, bodyAt, len, decompressedLimit, memory);
            body = inflated.bytes();
            bodyAt = 0;
            len = inflated.length();
        }
        ForwardEntries.Checked c = entries.stream(body, bodyAt, len);
        return new ForwardMessage(tag, c.events(), o.chunk(), mode, frameBytes, c.skipped(), c.skipReason(), o.signal());
    }

    private ForwardMessage message(MsgpackCursor r, String tag, int n, int frameBytes) {
        if (n < 3) {
            throw new ForwardProtocolException("Message mode message has " + n + " elements, expected 3 or 4");
        }
        int timeAt = r.position();
        // Options first: an invalid event that is skipped is still acknowledged, as Fluentd does.
        r.skip();
        r.skip();
        Options o = n == 4 ? Options.read(r) : Options.NONE;
        r.position(timeAt);
        ForwardEntries.Checked c = entries.message(r);
        return new ForwardMessage(tag, c.events(), o.chunk(), Mode.MESSAGE, frameBytes, c.skipped(), c.skipReason(), o.signal());
    }

    private static ForwardMessage signal(String tag, Options o, Mode mode, int frameBytes) {
        return new ForwardMessage(tag, new EventStream(new byte[0], 0, 0, 0), o.chunk(), mode, frameBytes, 0, null, o.signal());
    }

    /** The option map's keys the input acts on; {@code size} is advisory (entries are counted while checked). */
    private record Options(String chunk, String compressed, int signal) {
        static final Options NONE = new Options(null, null, ForwardMessage.SIGNAL_LOGS);

        static Options read(MsgpackCursor r) {
            if (r.type() == MsgpackType.NIL) {
                r.skip();
                return NONE;
            }
            int n = r.readMapHeader("options");
            String chunk = null;
            String compressed = null;
            int signal = ForwardMessage.SIGNAL_LOGS;
            for (int i = 0; i < n; i++) {
                if (r.type() != MsgpackType.STRING) {
                    r.skip();
                    r.skip();
                    continue;
                }
                switch (r.readString("option key")) {
                    case "chunk" -> chunk = r.readString("option chunk");
                    case "compressed" -> compressed = r.readString("option compressed");
                    case "fluent_signal" -> {
                        long s = r.readLong("option fluent_signal");
                        if (s < 0 || s > Integer.MAX_VALUE) {
                            throw new ForwardProtocolException("option fluent_signal is " + s);
                        }
                        signal = (int) s;
                    }
                    default -> r.skip();
                }
            }
            return new Options(chunk, compressed, signal);
        }
    }
}
