package io.floe.codec.event;

import java.util.Map;

/** One decoded event, as filters see it: time and record may be changed in place. */
public final class Event {
    private EventTime time;
    private Map<String, Object> record;

    public Event(EventTime time, Map<String, Object> record) {
        this.time = time;
        this.record = record;
    }

    public EventTime time() {
        return time;
    }

    public void time(EventTime t) {
        this.time = t;
    }

    public Map<String, Object> record() {
        return record;
    }

    public void record(Map<String, Object> r) {
        this.record = r;
    }
}
