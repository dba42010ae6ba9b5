package io.floe.outputs.file;

import io.floe.api.Chunk;
import io.floe.api.UnrecoverableException;
import io.floe.codec.time.Strftime;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * out_file's file names: Fluentd's {@code generate_path_template} (time slice, {@code _N} index, suffixes)
 * followed by its {@code extract_placeholders} (strftime from the time slice, {@code ${tag}},
 * {@code ${tag[N]}}, {@code ${chunk_id}}, record-key chunk keys). A value from an event that would
 * lead the path out of the template's directory refuses the chunk ({@link PathBoundary}).
 */
final class PathTemplate {
    /** Stands where Fluentd's template has {@code _**}: a character no config can contain. */
    static final String INDEX = "\uE000";

    private static final Pattern TAG_PART = Pattern.compile("\\$\\{tag\\[(-?\\d+)\\]\\}");
    private static final Pattern CHUNK_KEY = Pattern.compile("\\$\\{([-_.@$a-zA-Z0-9]+)\\}");

    private final String path;
    private final boolean append;
    private final String suffix;
    private final String compressSuffix;
    private final String timeSliceFormat;
    /** The template last compiled: the same for every chunk of one timekey. */
    private volatile Strftime lastTemplate = Strftime.compile("");

    PathTemplate(String path, boolean append, String suffix, String compressSuffix, String timeSliceFormat) {
        this.path = path;
        this.append = append;
        this.suffix = suffix;
        this.compressSuffix = compressSuffix;
        this.timeSliceFormat = timeSliceFormat;
    }

    /** The path for a chunk; it contains {@link #INDEX} unless in append mode. */
    String resolve(Chunk chunk) throws IOException, UnrecoverableException {
        String t = template(chunk.slice() == null ? null : chunk.slice().seconds());
        Strftime compiled = lastTemplate;
        if (!compiled.pattern().equals(t)) {
            compiled = Strftime.compile(t);
            lastTemplate = compiled;
        }
        return expand(compiled, chunk);
    }

    /** @param timekey the time chunk key's length in seconds, or null when time is not a chunk key */
    String template(Long timekey) throws IOException {
        String index = append ? "" : INDEX;
        if (path.indexOf('*') >= 0) {
            if (timekey == null) {
                throw new IOException("path including '*' must be used with buffer chunk key 'time'");
            }
            String tf = timeSliceFormat != null ? timeSliceFormat : timeFormat(timekey);
            return path.replace("*", tf + index) + compressSuffix;
        }
        if (timekey == null) {
            return path + index + suffix + compressSuffix;
        }
        if (timeSliceFormat != null) {
            return path + "." + timeSliceFormat + index + suffix + compressSuffix;
        }
        String tf = timeFormat(timekey);
        boolean some = false;
        boolean all = true;
        for (int i = 0; i + 2 <= tf.length(); i += 2) {
            boolean has = path.contains(tf.substring(i, i + 2));
            some |= has;
            all &= has;
        }
        if (some) {
            // The user placed the time in the path himself; Fluentd refuses a partial set.
            if (!all) {
                throw new IOException("insufficient timestamp placeholders in path " + path + " for timekey " + timekey + "s (needs " + tf + ")");
            }
            return path + index + suffix + compressSuffix;
        }
        return path + "." + tf + index + suffix + compressSuffix;
    }

    /** Fluentd's {@code timekey_to_timeformat}. */
    static String timeFormat(long timekey) {
        if (timekey < 60) {
            return "%Y%m%d%H%M%S";
        }
        if (timekey < 3600) {
            return "%Y%m%d%H%M";
        }
        if (timekey < 86400) {
            return "%Y%m%d%H";
        }
        return "%Y%m%d";
    }

    /**
     * Fluentd's {@code extract_placeholders}; a chunk with no keys at all only gets {@code ${chunk_id}}.
     * Throws when a value would take the path outside the template's directory.
     */
    static String expand(String template, Chunk chunk) throws UnrecoverableException {
        return expand(Strftime.compile(template), chunk);
    }

    private static String expand(Strftime compiled, Chunk chunk) throws UnrecoverableException {
        String template = compiled.pattern();
        String s = template;
        boolean noKeys = chunk.tag() == null && chunk.slice() == null && chunk.variables().isEmpty();
        if (!noKeys) {
            Chunk.TimeSlice slice = chunk.slice();
            if (slice != null) {
                // strftime first, so a '%' inside a tag or a key's value is never read as a directive.
                s = compiled.format(slice.start(), 0, slice.zone());
            }
            if (chunk.tag() != null) {
                if (s.contains("${tag}")) {
                    PathBoundary.check("${tag}", chunk.tag());
                    s = s.replace("${tag}", chunk.tag());
                }
                s = tagParts(s, chunk.tag());
            }
        }
        s = s.replace("${chunk_id}", chunk.id());
        if (!chunk.variables().isEmpty()) {
            s = keys(s, chunk.variables());
        }
        PathBoundary.checkInside(template, s);
        return s;
    }

    private static String tagParts(String s, String tag) throws UnrecoverableException {
        String[] parts = tag.split("\\.", -1);
        Matcher m = TAG_PART.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int i;
            try {
                i = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                i = Integer.MAX_VALUE;
            }
            int at = i < 0 ? parts.length + i : i;
            String part = at >= 0 && at < parts.length ? parts[at] : "";
            PathBoundary.check(m.group(), part);
            m.appendReplacement(b, Matcher.quoteReplacement(part));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** A key placeholder that is not a chunk key becomes empty, as in Fluentd (which also warns). */
    private static String keys(String s, Map<String, String> variables) throws UnrecoverableException {
        Matcher m = CHUNK_KEY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = key.equals("tag") ? m.group() : variables.getOrDefault(key, "");
            if (!key.equals("tag")) {
                PathBoundary.check(m.group(), v);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
