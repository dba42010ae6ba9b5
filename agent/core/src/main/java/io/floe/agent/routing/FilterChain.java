package io.floe.agent.routing;

import io.floe.agent.pipeline.ErrorSink;
import io.floe.codec.event.Event;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import java.io.IOException;
import java.util.List;

/**
 * The filters a tag passes through before its match. The stream is read once, every filter works on the
 * events in order, and the survivors are encoded once. Records are {@link io.floe.codec.event.MsgpackRecord}s:
 * a filter decodes only the values it reads, and values no filter read or replaced are copied back as bytes.
 */
final class FilterChain {
    private final List<FilterUnit> filters;
    private final ErrorSink errors;

    FilterChain(List<FilterUnit> filters, ErrorSink errors) {
        this.filters = List.copyOf(filters);
        this.errors = errors;
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    EventStream apply(String tag, EventStream in) throws IOException {
        EventStreamWriter out = new EventStreamWriter(in.length() + 64);
        EventStreamWriter failed = new EventStreamWriter(64);
        String[] failure = new String[1];
        long[] passed = new long[filters.size()];
        in.forEachRecord((sec, nsec, record, buf, off, len) -> {
            Event e = new Event(new EventTime(sec, nsec), record);
            try {
                if (pass(tag, e, passed)) {
                    out.add(e);
                }
            } catch (RuntimeException ex) {
                failed.add(sec, nsec, buf, off, len);
                failure[0] = ex.toString();
            }
        });
        if (!failed.isEmpty()) {
            errors.emitError(tag, failed.build(), failure[0]);
        }
        // monitor_agent's emit_records of a filter: the events it passed on, counted once per stream.
        for (int i = 0; i < passed.length; i++) {
            if (passed[i] > 0) {
                filters.get(i).metrics().emitRecords.add(passed[i]);
            }
        }
        return out.build();
    }

    private boolean pass(String tag, Event e, long[] passed) {
        for (int i = 0; i < filters.size(); i++) {
            if (!filters.get(i).filter().filter(tag, e)) {
                return false;
            }
            passed[i]++;
        }
        return true;
    }
}
