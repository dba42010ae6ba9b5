package io.floe.agent.config;

import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Fluentd v0.12's flat buffer parameters in a {@code <match>} or {@code <store>}, moved into a
 * synthesized {@code <buffer>} the way Fluentd v1's compat layer does when no {@code <buffer>} is written.
 */
final class LegacyBufferParams {
    private static final Map<String, String> V1_NAMES = new LinkedHashMap<>();

    static {
        V1_NAMES.put("buffer_type", "@type");
        V1_NAMES.put("buffer_path", "path");
        V1_NAMES.put("num_threads", "flush_thread_count");
        V1_NAMES.put("flush_interval", "flush_interval");
        V1_NAMES.put("try_flush_interval", "flush_thread_interval");
        V1_NAMES.put("queued_chunk_flush_interval", "flush_thread_burst_interval");
        V1_NAMES.put("disable_retry_limit", "retry_forever");
        V1_NAMES.put("retry_limit", "retry_max_times");
        V1_NAMES.put("max_retry_wait", "retry_max_interval");
        V1_NAMES.put("retry_wait", "retry_wait");
        V1_NAMES.put("buffer_chunk_limit", "chunk_limit_size");
        V1_NAMES.put("buffer_queue_limit", "queue_limit_length");
        V1_NAMES.put("buffer_queue_full_action", "overflow_action");
        V1_NAMES.put("flush_at_shutdown", "flush_at_shutdown");
        V1_NAMES.put("time_slice_wait", "timekey_wait");
        V1_NAMES.put("timezone", "timekey_zone");
    }

    private LegacyBufferParams() {
    }

    /** Returns a {@code <buffer>} holding the flat parameters, or null when the section has none. */
    static ConfigElement extract(ConfigElement section, Logger log) {
        ConfigElement buffer = null;
        for (Map.Entry<String, String> e : V1_NAMES.entrySet()) {
            ConfigValue v = section.peek(e.getKey());
            if (v == null) {
                continue;
            }
            if (buffer == null) {
                buffer = new ConfigElement("buffer", "", section.location());
            }
            section.markUsed(e.getKey());
            String text = v.text();
            if (e.getKey().equals("buffer_queue_full_action") && text.equals("exception")) {
                text = "throw_exception";
            }
            buffer.put(e.getValue(), new ConfigValue(text, v.location(), v.quoting()));
        }
        if (buffer != null && section.peek("flush_interval") != null) {
            log.info("'flush_interval' is configured at out side of <buffer>. 'flush_mode' is set to 'interval' to keep existing behaviour");
            buffer.put("flush_mode", ConfigValue.bare("interval", section.location()));
        }
        return buffer;
    }
}
