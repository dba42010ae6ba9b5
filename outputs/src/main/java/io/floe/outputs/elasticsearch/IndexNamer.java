package io.floe.outputs.elasticsearch;

import io.floe.api.Chunk;
import io.floe.codec.time.Strftime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index an event goes to, as the plugin names it: {@code index_name}, or with {@code logstash_format}
 * {@code <logstash_prefix><separator><logstash_dateformat of the event's time>}; always lower case, because
 * Elasticsearch refuses upper-case index names. {@code ${tag}}, {@code ${tag[N]}} and {@code ${chunk_key}}
 * placeholders in the name or prefix come from the chunk, strftime directives from the chunk's time slice.
 */
final class IndexNamer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\[]+)(?:\\[(-?\\d+)])?}");

    private final boolean logstashFormat;
    private final String indexName;
    private final String prefix;
    private final String separator;
    private final Strftime dateFormat;
    private final boolean utcIndex;
    /** The name last compiled: it is the same for every chunk unless a tag placeholder comes first. */
    private volatile Strftime lastName = Strftime.compile("");

    IndexNamer(boolean logstashFormat, String indexName, String prefix, String separator, String dateFormat,
            boolean utcIndex) {
        this.logstashFormat = logstashFormat;
        this.indexName = indexName;
        this.prefix = prefix;
        this.separator = separator;
        this.dateFormat = Strftime.compile(dateFormat);
        this.utcIndex = utcIndex;
    }

    boolean logstashFormat() {
        return logstashFormat;
    }

    /** Names for one tagged stream of a chunk; caches the date part per second, as a chunk's events share them. */
    Names forStream(Chunk chunk, String tag) {
        String base = resolve(logstashFormat ? prefix : indexName, chunk, tag);
        return new Names(logstashFormat ? base + separator : base.toLowerCase(Locale.ROOT));
    }

    /** The per-stream state: not thread-safe, one per encoding. */
    final class Names {
        private final String base;
        private long lastSecond = Long.MIN_VALUE;
        private int lastOffset;
        private String last;

        private Names(String base) {
            this.base = base;
        }

        /** The index for an event whose time is {@code seconds} in {@code offset} (used when utc_index is false). */
        String index(long seconds, ZoneOffset offset) {
            if (!logstashFormat) {
                return base;
            }
            ZoneOffset zone = utcIndex ? ZoneOffset.UTC : offset;
            if (seconds != lastSecond || zone.getTotalSeconds() != lastOffset) {
                StringBuilder b = new StringBuilder(base.length() + 12).append(base);
                dateFormat.formatTo(b, seconds, 0, zone);
                last = b.toString().toLowerCase(Locale.ROOT);
                lastSecond = seconds;
                lastOffset = zone.getTotalSeconds();
            }
            return last;
        }
    }

    /** Fluentd's placeholders, resolved from the chunk the way {@code extract_placeholders} does. */
    String resolve(String template, Chunk chunk, String tag) {
        String out = template;
        if (out.contains("${")) {
            Matcher m = PLACEHOLDER.matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, Matcher.quoteReplacement(placeholder(m, chunk, tag)));
            }
            m.appendTail(b);
            out = b.toString();
        }
        if (out.indexOf('%') >= 0 && chunk.slice() != null) {
            Chunk.TimeSlice s = chunk.slice();
            Strftime name = lastName;
            if (!name.pattern().equals(out)) {
                name = Strftime.compile(out);
                lastName = name;
            }
            out = name.format(s.start(), 0, s.zone());
        }
        return out;
    }

    private static String placeholder(Matcher m, Chunk chunk, String tag) {
        String name = m.group(1);
        if (name.equals("tag")) {
            if (m.group(2) == null) {
                return tag;
            }
            String[] parts = tag.split("\\.");
            int i = Integer.parseInt(m.group(2));
            int at = i < 0 ? parts.length + i : i;
            return at >= 0 && at < parts.length ? parts[at] : m.group();
        }
        String v = chunk.variables().get(name);
        return v != null ? v : m.group();
    }
}
