package io.floe.inputs.net;

import java.util.Map;

/** What a network input makes of one message (a line, a datagram): events added to a batch under their tags. */
@FunctionalInterface
public interface Messages {
    /**
     * Adds the events of {@code message} to {@code out}, each record with {@code source}'s fields (the sender's address
     * and hostname under the configured keys); {@code peer} names the sender in warnings.
     */
    void add(String message, Map<String, String> source, TaggedBatch out, String peer);
}
