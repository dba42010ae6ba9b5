package io.floe.inputs.monitor;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * monitor_agent's LTSV views: one line per plugin of {@code key:value} pairs joined by tabs, leaving out
 * arrays and objects (config, retry, timekeys) as Fluentd does; null prints as nothing.
 */
final class Ltsv {
    private Ltsv() {
    }

    static String plugins(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> row : rows) {
            StringJoiner line = new StringJoiner("\t");
            row.forEach((k, v) -> {
                if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                    line.add(k + ":" + (v == null ? "" : v));
                }
            });
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** /api/config is a single line without a trailing newline. */
    static String config(Map<String, Object> info) {
        StringJoiner line = new StringJoiner("\t");
        info.forEach((k, v) -> line.add(k + ":" + (v == null ? "" : v)));
        return line.toString();
    }
}
