package io.floe.inputs.forward;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Several handlers have reasons to stop reading a connection (the input is paused, the client does not
 * read its acks, too many emits are in flight, its hostname is being looked up, the input's memory
 * for unfinished frames is used up); reading resumes only
 * when none is left. Each reason is a bit kept on the channel. Call on the channel's event loop.
 */
final class ReadSwitch {
    static final int PAUSED = 1;
    static final int UNWRITABLE = 2;
    static final int BUSY = 4;
    static final int RESOLVING = 8;
    static final int MEMORY = 16;

    private static final AttributeKey<Integer> REASONS = AttributeKey.valueOf(ReadSwitch.class, "reasons");

    private ReadSwitch() {
    }

    static void off(Channel ch, int reason) {
        Integer now = ch.attr(REASONS).get();
        ch.attr(REASONS).set((now == null ? 0 : now) | reason);
        ch.config().setAutoRead(false);
    }

    static void on(Channel ch, int reason) {
        Integer now = ch.attr(REASONS).get();
        int left = (now == null ? 0 : now) & ~reason;
        ch.attr(REASONS).set(left);
        if (left == 0 && !ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
    }

    static boolean isOff(Channel ch, int reason) {
        Integer now = ch.attr(REASONS).get();
        return now != null && (now & reason) != 0;
    }
}
