package io.floe.agent.config;

import io.floe.agent.binder.Binder;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import java.util.List;
import java.util.Set;

/**
 * Fluentd v0.12's flat inject parameters ({@code include_time_key}, {@code include_tag_key}, {@code time_key}
 * ...) in a {@code <match>} or {@code <store>}, moved into a synthesized {@code <inject>} the way Fluentd v1's
 * compat layer does when no {@code <inject>} is written. Only for the outputs whose Fluentd plugin asks for that
 * conversion: elsewhere these names are the plugin's own (elasticsearch's {@code tag_key}, {@code time_key}).
 */
final class LegacyInjectParams {
    /** The types whose Fluentd plugin converts them (out_file, out_stdout). */
    private static final Set<String> CONVERTING = Set.of("file", "stdout");
    private static final List<String> COPIED = List.of("time_key", "time_format", "timezone", "tag_key");
    private static final List<String> READ = List.of("include_time_key", "time_key", "time_format", "timezone", "include_tag_key",
            "tag_key", "localtime", "utc");

    private LegacyInjectParams() {
    }

    /** Returns an {@code <inject>} holding the flat parameters, or null when the type takes none or the section has none. */
    static ConfigElement extract(ConfigElement section, String type, Binder binder) {
        if (!CONVERTING.contains(type) || READ.stream().noneMatch(k -> section.peek(k) != null)) {
            return null;
        }
        ConfigElement inject = new ConfigElement("inject", "", section.location());
        for (String k : READ) {
            if (section.peek(k) != null) {
                section.markUsed(k);
            }
        }
        for (String k : COPIED) {
            ConfigValue v = section.peek(k);
            if (v != null) {
                inject.put(k, v);
            }
        }
        if (isTrue(section, "include_time_key")) {
            putIfAbsent(inject, "time_key", "time");
            putIfAbsent(inject, "time_type", "string");
        }
        if (isTrue(section, "time_as_epoch")) {
            section.markUsed("time_as_epoch");
            putIfAbsent(inject, "time_key", "time");
            inject.put("time_type", ConfigValue.bare("unixtime", section.location()));
        }
        ConfigValue localtime = section.peek("localtime");
        ConfigValue utc = section.peek("utc");
        if (localtime != null && utc != null) {
            binder.error(utc.location(), "both of utc and localtime are specified, use only one of them");
        } else if (localtime != null) {
            inject.put("localtime", localtime);
        } else if (utc != null) {
            inject.put("localtime", new ConfigValue(isTrue(section, "utc") ? "false" : "true", utc.location(), ConfigValue.Quoting.BARE));
        }
        if (isTrue(section, "include_tag_key")) {
            putIfAbsent(inject, "tag_key", "tag");
        }
        return inject;
    }

    /** Fluentd's {@code Config.bool_value}: true, yes and an empty value are true. */
    private static boolean isTrue(ConfigElement section, String key) {
        ConfigValue v = section.peek(key);
        return v != null && (v.text().equals("true") || v.text().equals("yes") || v.text().isEmpty());
    }

    private static void putIfAbsent(ConfigElement e, String key, String value) {
        if (e.peek(key) == null) {
            e.put(key, ConfigValue.bare(value, e.location()));
        }
    }
}
