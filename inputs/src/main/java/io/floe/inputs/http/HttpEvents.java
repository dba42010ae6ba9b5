package io.floe.inputs.http;

import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.event.Records;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.text.RubyValues;
import io.floe.parsers.JsonValues;
import io.floe.parsers.Parser;
import io.floe.parsers.time.TimeParser;
import io.floe.parsers.time.TimeParsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The events of one in_http request, as Fluentd's in_http makes them: the body read by its Content-Type
 * ({@code json=}/{@code msgpack=}/{@code ndjson=} form fields, {@code application/json} one object or an
 * array of them, {@code application/msgpack} a stream of maps or arrays of maps, {@code application/x-ndjson}
 * one object per line), or by the {@code <parse>} parser when one is configured; the {@code time} query or form
 * field, else the record's {@code time} field, else now. All or nothing: a request with one bad part emits none.
 * Values that are not maps are skipped, as Fluentd skips the nil records its parsers give for them.
 */
final class HttpEvents {
    /** What in_http adds to each record besides its fields. */
    record Additions(boolean httpHeaders, boolean remoteAddr, boolean queryParams) {
    }

    private static final String TIME_KEY = "time";
    /** How much of a body that is not JSON its 400 quotes. */
    private static final int QUOTED = 256;
    private static final TimeParser FLOAT_TIME = TimeParsers.floatTime();

    private final Parser parser;
    private final Additions additions;
    private final Supplier<EventTime> clock;

    /** @param parser the {@code <parse>} parser, or null for json/msgpack/ndjson by Content-Type */
    HttpEvents(Parser parser, Additions additions, Supplier<EventTime> clock) {
        this.parser = parser;
        this.additions = additions;
        this.clock = clock;
    }

    /**
     * @param contentType the Content-Type header, "" when none was sent
     * @param rawQuery the query string, null when none
     * @param env the request's {@code HTTP_*} headers and {@code REMOTE_ADDR}, as Fluentd names them
     */
    EventStream decode(String contentType, byte[] body, String rawQuery, Map<String, String> env) throws BadRequest {
        Map<String, byte[]> params = rawQuery == null ? new LinkedHashMap<>()
                : FormFields.parse(rawQuery.getBytes(StandardCharsets.ISO_8859_1));
        Map<String, byte[]> query = additions.queryParams() ? Map.copyOf(params) : Map.of();
        List<Parsed> records = new ArrayList<>();
        if (parser != null) {
            parseWithParser(body, records);
        } else {
            byParams(contentType, body, params, records);
        }
        EventStreamWriter w = new EventStreamWriter();
        byte[] paramTime = params.get(TIME_KEY);
        for (Parsed p : records) {
            add(p.record(), env, query);
            w.add(time(paramTime, p), p.record());
        }
        return w.build();
    }

    private record Parsed(EventTime time, Map<String, Object> record) {
    }

    private static void byParams(String contentType, byte[] body, Map<String, byte[]> params, List<Parsed> out) throws BadRequest {
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            FormFields.parse(body).forEach(params::put);
        } else if (contentType.startsWith("application/json") || contentType.startsWith("application/csp-report")) {
            params.put("json", body);
        } else if (contentType.startsWith("application/msgpack")) {
            params.put("msgpack", body);
        } else if (contentType.startsWith("application/x-ndjson")) {
            params.put("ndjson", body);
        }
        byte[] v;
        if ((v = params.get("msgpack")) != null) {
            msgpack(v, out);
        } else if ((v = params.get("json")) != null) {
            json(v, 0, v.length, out);
        } else if ((v = params.get("ndjson")) != null) {
            ndjson(v, out);
        } else {
            throw new BadRequest("'json', 'ndjson' or 'msgpack' parameter is required");
        }
    }

    private static void json(byte[] text, int off, int len, List<Parsed> out) throws BadRequest {
        Object v;
        try {
            v = JsonValues.parse(text, off, len);
        } catch (IOException | RuntimeException e) {
            // The data is cut: the message goes back to the client and into the log, and a body may be 32 MiB.
            throw new BadRequest("pattern not matched with data '" + new String(text, off, Math.min(len, QUOTED), StandardCharsets.UTF_8)
                    + (len > QUOTED ? "..." : "") + "'", e);
        }
        records(v, out);
    }

    /** Lines split at LF or CRLF; blank ones hold nothing. */
    private static void ndjson(byte[] text, List<Parsed> out) throws BadRequest {
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                if (!blank(text, start, end)) {
                    json(text, start, end - start, out);
                }
                start = i + 1;
            }
        }
    }

    private static boolean blank(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text[i])) {
                return false;
            }
        }
        return true;
    }

    private static void msgpack(byte[] bytes, List<Parsed> out) throws BadRequest {
        MsgpackCursor c = new MsgpackCursor(bytes);
        try {
            while (c.hasNext()) {
                records(Records.read(c), out);
            }
        } catch (RuntimeException e) {
            throw new BadRequest("invalid msgpack: " + e.getMessage(), e);
        }
    }

    /** A map is a record, an array's maps are records; anything else is skipped. */
    @SuppressWarnings("unchecked")
    private static void records(Object v, List<Parsed> out) {
        if (v instanceof Map<?, ?> m) {
            out.add(new Parsed(null, (Map<String, Object>) m));
        } else if (v instanceof List<?> l) {
            for (Object e : l) {
                if (e instanceof Map<?, ?> m) {
                    out.add(new Parsed(null, (Map<String, Object>) m));
                }
            }
        }
    }

    private void parseWithParser(byte[] body, List<Parsed> out) throws BadRequest {
        try {
            parser.parse(body, 0, body.length, (time, record) -> {
                if (record != null) {
                    out.add(new Parsed(time, record));
                }
            });
        } catch (RuntimeException e) {
            throw new BadRequest(e.getMessage(), e);
        }
    }

    private void add(Map<String, Object> record, Map<String, String> env, Map<String, byte[]> query) {
        if (additions.httpHeaders()) {
            env.forEach((k, v) -> {
                if (k.startsWith("HTTP_")) {
                    record.put(k, v);
                }
            });
        }
        query.forEach((k, v) -> record.put("QUERY_" + k.replace('-', '_').toUpperCase(Locale.ROOT), new String(v, StandardCharsets.UTF_8)));
        if (additions.remoteAddr()) {
            record.put("REMOTE_ADDR", env.get("REMOTE_ADDR"));
        }
    }

    /**
     * The {@code time} field of the query or form (Ruby's {@code to_f}; zero or not a number is now); else the
     * time the parser read; else, without a parser, the record's own {@code time} field, removed from it.
     */
    private EventTime time(byte[] paramTime, Parsed p) throws BadRequest {
        if (paramTime != null) {
            double t = RubyValues.toF(new String(paramTime, StandardCharsets.UTF_8));
            return t == 0 ? clock.get() : FLOAT_TIME.parse(t);
        }
        if (p.time() != null) {
            return p.time();
        }
        if (parser != null) {
            return clock.get();
        }
        Object t = p.record().remove(TIME_KEY);
        if (t == null) {
            return clock.get();
        }
        if (!(t instanceof Number)) {
            throw new BadRequest("can't convert " + RubyValues.toS(t) + " into an exact number");
        }
        return FLOAT_TIME.parse(t);
    }
}
