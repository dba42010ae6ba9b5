package io.floe.inputs.tail;

import io.floe.api.config.Size;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** The checks Fluentd's in_tail makes at configure time, with its messages. */
final class TailValidation {
    private static final long MIN_BYTES_PER_SECOND = 8192;

    private TailValidation() {
    }

    static void validate(TailConfig c) {
        if (c.path().isBlank()) {
            throw new IllegalArgumentException("'path' parameter is required in <source> @type tail");
        }
        if (c.fromEncoding() != null && c.encoding() == null) {
            throw new IllegalArgumentException("encoding parameter must be specified with from_encoding");
        }
        if (c.followInodes() && c.posFile() == null) {
            throw new IllegalArgumentException("Can't follow inodes without pos_file configuration parameter");
        }
        if (!c.enableStatWatcher() && !c.enableWatchTimer()) {
            throw new IllegalArgumentException("either of enable_watch_timer or enable_stat_watcher must be true");
        }
        if (c.readLinesLimit() < 1) {
            throw new IllegalArgumentException("read_lines_limit must be at least 1");
        }
        if (c.maxLineSize() != null && c.maxLineSize().bytes() < 1) {
            throw new IllegalArgumentException("max_line_size must be at least 1 byte");
        }
        charset(c);
    }

    /** The encoding the file's bytes are in: from_encoding, else encoding, else UTF-8. */
    static Charset charset(TailConfig c) {
        String name = c.fromEncoding() != null ? c.fromEncoding() : c.encoding();
        if (name == null || name.equalsIgnoreCase("ascii-8bit") || name.equalsIgnoreCase("binary")) {
            return StandardCharsets.UTF_8;
        }
        Charset cs;
        try {
            cs = Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown encoding name - " + name);
        }
        if (!LineDecoder.splittable(cs)) {
            throw new IllegalArgumentException("encoding " + name + " is not supported by tail: lines are split at the byte \\n, "
                    + "which this encoding does not use");
        }
        return cs;
    }

    /** read_bytes_limit_per_second: -1 (no limit) or a size; Fluentd raises a smaller one to 8192 with a warning. */
    static long bytesPerSecond(TailConfig c, Logger log) {
        String v = c.readBytesLimitPerSecond().trim();
        if (v.startsWith("-")) {
            return -1;
        }
        long n = Size.parse(v).bytes();
        if (n == 0) {
            return -1;
        }
        if (n < MIN_BYTES_PER_SECOND) {
            log.warn("Should specify greater equal than 8192. Use 8192 for read_bytes_limit_per_second");
            return MIN_BYTES_PER_SECOND;
        }
        return n;
    }
}
