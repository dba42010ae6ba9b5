package io.floe.inputs.net;

import io.floe.api.PluginContext;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.codec.text.RubyText;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lines a network input received, turned into events by its {@code <parse>} parser, as Fluentd's in_tcp and in_udp
 * do: the parser's time or now, the record with the sender's address and hostname under the configured keys, and a
 * line the parser does not match dropped with a warning ("pattern not matched"), at most one warning per interval.
 * Shared by the connections of one input; the parser is thread-safe.
 */
public final class ParsedLines implements Messages {
    private final String tag;
    private final Parser parser;
    private final PluginContext plugin;
    private final Throttle unmatched = new Throttle(TimeUnit.SECONDS.toNanos(10));

    public ParsedLines(String tag, Parser parser, PluginContext plugin) {
        this.tag = tag;
        this.parser = parser;
        this.plugin = plugin;
    }

    @Override
    public void add(String line, Map<String, String> source, TaggedBatch batch, String peer) {
        EventStreamWriter out = batch.to(tag);
        int before = out.count();
        boolean[] missed = new boolean[1];
        String problem = "pattern not matched";
        try {
            parser.parse(line, (time, record) -> {
                if (record == null) {
                    missed[0] = true;
                    return;
                }
                record.putAll(source);
                out.add(time == null ? EventTime.now() : time, record);
            });
        } catch (ParserException | IllegalArgumentException e) {
            missed[0] = true;
            problem = "invalid line found: " + e.getMessage();
        }
        if (missed[0] && out.count() == before) {
            plugin.metrics().numErrors.increment();
            long more = unmatched.pass();
            if (more >= 0) {
                plugin.log().warn("{}: message={} host=\"{}\"{}", problem, RubyText.forLog(line), peer, Throttle.more(more));
            }
        }
    }
}
