package io.floe.parsers;

import io.floe.codec.event.EventTime;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Fluentd parser plugin: turns one text (a line of a file, a field of a record) into events. Built once
 * from a {@code <parse>} section by {@link Parsers#create}, immutable, and shared by every thread.
 *
 * <p>The contract follows Fluentd's {@code parse(text) { |time, record| }}: a parser reports each event it
 * finds to the sink; a text that does not have the parser's format is reported once with a null record
 * (Fluentd's {@code yield nil, nil}, "pattern not matched"); a text that has the format but holds a value
 * that cannot be converted (a time that does not parse) throws {@link ParserException}.
 */
public interface Parser {

    /** Receives the events of one text. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param time   the event time the text carried, the current time when it carried none and
         *               {@code estimate_current_event} is on, or null (the caller keeps its own time)
         * @param record the parsed, mutable record; null when the text does not match
         */
        void accept(EventTime time, Map<String, Object> record);
    }

    /** The first event of a text. */
    record Parsed(EventTime time, Map<String, Object> record) {
    }

    /** Parses one text; most parsers report exactly one event, a JSON array reports one per element. */
    void parse(String text, Sink sink);

    /**
     * Parses a text given as UTF-8 bytes, the same as {@link #parse(String, Sink)} of its String; a parser
     * that can read bytes (json) overrides it and saves making the String.
     */
    default void parse(byte[] utf8, int offset, int length, Sink sink) {
        parse(new String(utf8, offset, length, StandardCharsets.UTF_8), sink);
    }

    /**
     * The first event the text gives, or null when it does not match: what the parser filter uses (Fluentd's
     * filter_parser also keeps only the first record of a JSON array).
     */
    default Parsed parseFirst(String text) {
        First first = new First();
        parse(text, first);
        return first.parsed;
    }

    /** {@link #parseFirst(String)} of a text given as UTF-8 bytes. */
    default Parsed parseFirst(byte[] utf8, int offset, int length) {
        First first = new First();
        parse(utf8, offset, length, first);
        return first.parsed;
    }

    /** Keeps the first event reported. */
    final class First implements Sink {
        private boolean seen;
        private Parsed parsed;

        @Override
        public void accept(EventTime time, Map<String, Object> record) {
            if (!seen) {
                seen = true;
                parsed = record == null ? null : new Parsed(time, record);
            }
        }
    }
}
