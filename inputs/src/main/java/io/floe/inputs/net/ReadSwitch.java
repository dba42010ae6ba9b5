package io.floe.inputs.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Several handlers have reasons to stop reading a connection (the input is paused, the client does not
 * read its acks, too many emits are in flight, its hostname is being looked up, the input's memory
 * for unfinished frames is used up); reading resumes only
 * when none is left. Each reason is a bit kept on the channel. Call on the channel's event loop.
 */
public final class ReadSwitch {
    public static final int PAUSED = 1;
    public static final int UNWRITABLE = 2;
    public static final int BUSY = 4;
    public static final int RESOLVING = 8;
    public static final int MEMORY = 16;

    private static final AttributeKey<Integer> REASONS = AttributeKey.valueOf(ReadSwitch.class, "reasons");

    private ReadSwitch() {
    }

    public static void off(Channel ch, int reason) {
        Integer now = ch.attr(REASONS).get();
        ch.attr(REASONS).set((now == null ? 0 : now) | reason);
        ch.config().setAutoRead(false);
    }

    public static void on(Channel ch, int reason) {
        Integer now = ch.attr(REASONS).get();
        int left = (now == null ? 0 : now) & ~reason;
        ch.attr(REASONS).set(left);
        if (left == 0 && !ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
    }

    public static boolean isOff(Channel ch, int reason) {
        Integer now = ch.attr(REASONS).get();
        return now != null && (now & reason) != 0;
    }

    /**
     * First in the pipeline: drops a read a handler asks for while reading is off. A decoder that got
     * bytes but no complete frame asks for one more read even with auto-read off (Netty's
     * ByteToMessageDecoder does, so that a frame can finish under manual reads); here off means off, or a
     * paused connection would go on growing its unfinished frame read by read.
     */
    @ChannelHandler.Sharable
    public static final class Gate extends ChannelOutboundHandlerAdapter {
        public static final Gate INSTANCE = new Gate();

        private Gate() {
        }

        @Override
        public void read(ChannelHandlerContext ctx) {
            Integer now = ctx.channel().attr(REASONS).get();
            if (now == null || now == 0) {
                ctx.read();
            }
        }
    }
}
