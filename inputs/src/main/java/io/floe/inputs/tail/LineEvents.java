package io.floe.inputs.tail;

import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.Records;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Turns one whole line into events with the configured parser and appends them to a batch. A line the
 * parser does not match, or whose values do not convert (a bad time), is never dropped silently: it goes
 * on as {@code {"unmatched_line": line}} (emit_unmatched_lines, Floe's default) or to the error batch the
 * caller hands to {@code @ERROR}, and is counted either way. One per tail thread; not thread-safe.
 */
final class LineEvents {
    static final String UNMATCHED_KEY = "unmatched_line";

    private final Parser parser;
    private final String pathKey;
    private final boolean emitUnmatched;
    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    private long unmatched;
    private String lastLine;
    private String lastProblem;

    LineEvents(Parser parser, String pathKey, boolean emitUnmatched) {
        this.parser = parser;
        this.pathKey = pathKey;
        this.emitUnmatched = emitUnmatched;
    }

    void add(String line, String path, EventStreamWriter out, EventStreamWriter errors) {
        int before = out.count();
        boolean[] missed = new boolean[1];
        try {
            parser.parse(line, (time, record) -> {
                if (record == null) {
                    missed[0] = true;
                    return;
                }
                if (pathKey != null) {
                    record.putIfAbsent(pathKey, path);
                }
                write(time == null ? EventTime.now() : time, record, out);
            });
            if (missed[0]) {
                lastProblem = "pattern not matched";
            }
        } catch (ParserException | IllegalArgumentException e) {
            missed[0] = true;
            lastProblem = "invalid line found: " + e.getMessage();
        }
        if (missed[0] && out.count() == before) {
            unmatched++;
            lastLine = line;
            Map<String, Object> raw = new LinkedHashMap<>(4);
            raw.put(UNMATCHED_KEY, line);
            if (pathKey != null) {
                raw.put(pathKey, path);
            }
            write(EventTime.now(), raw, emitUnmatched ? out : errors);
        }
    }

    private void write(EventTime t, Map<String, Object> record, EventStreamWriter to) {
        packer.clear();
        try {
            Records.write(packer, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        to.add(t.seconds(), t.nanos(), packer.toByteArray());
    }

    /** Lines that did not parse since the last call; resets the count. */
    long takeUnmatched() {
        long n = unmatched;
        unmatched = 0;
        return n;
    }

    /** Why the last line that did not parse did not, with the line (cut), for the warning. */
    String lastProblem() {
        String l = lastLine == null ? "" : lastLine.length() > 300 ? lastLine.substring(0, 300) + "..." : lastLine;
        return lastProblem + ": " + l;
    }
}
