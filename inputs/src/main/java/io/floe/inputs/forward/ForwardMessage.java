package io.floe.inputs.forward;

import io.floe.codec.event.EventStream;

/**
 * One decoded forward-protocol message: what {@link ForwardMessageDecoder} makes of a frame.
 *
 * @param tag the tag as sent (before {@code tag} / {@code add_tag_prefix} apply)
 * @param events the entries to emit; may hold none (all invalid and skipped, or a non-log signal)
 * @param chunk the {@code chunk} option, to be echoed in the ack; null when the client wants none
 * @param mode how the client packed the entries
 * @param frameBytes the size of the frame on the wire, for {@code chunk_size_warn_limit}
 * @param skipped entries dropped as invalid ({@code skip_invalid_event}); {@code skipReason} says why
 * @param signal Fluent Bit's {@code fluent_signal}: 0 for logs; other kinds are acknowledged, not emitted
 */
public record ForwardMessage(String tag, EventStream events, String chunk, Mode mode, int frameBytes,
                             int skipped, String skipReason, int signal) {

    /** The four event modes of Forward Protocol v1. */
    public enum Mode { MESSAGE, FORWARD, PACKED_FORWARD, COMPRESSED_PACKED_FORWARD }

    /** Fluent Bit's {@code fluent_signal} for log records; metrics (1) and traces (2) are not events. */
    public static final int SIGNAL_LOGS = 0;

    /** A message the input makes itself (a flushed partial-line group): nothing to acknowledge. */
    static ForwardMessage internal(String tag, EventStream events) {
        return new ForwardMessage(tag, events, null, Mode.FORWARD, events.length(), 0, null, SIGNAL_LOGS);
    }

    ForwardMessage withEvents(EventStream replaced) {
        return new ForwardMessage(tag, replaced, chunk, mode, frameBytes, skipped, skipReason, signal);
    }
}
