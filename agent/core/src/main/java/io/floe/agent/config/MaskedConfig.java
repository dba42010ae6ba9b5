package io.floe.agent.config;

import io.floe.api.config.Binder;
import io.floe.api.config.Param;
import io.floe.conf.ConfigDump;
import io.floe.conf.ConfigElement;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A section's own parameters as monitor_agent shows them ({@code "config"}): values as written, no
 * subsections, and every secret (the plugin's {@code @Param(secret = true)} and the well-known names)
 * replaced by {@code xxxxxx}, because the monitor port is often reachable by more people than the config.
 */
final class MaskedConfig {
    private MaskedConfig() {
    }

    static Map<String, String> of(ConfigElement section, Class<?> plugin) {
        Set<String> secret = new HashSet<>(ConfigDump.DEFAULT_SECRET_KEYS);
        if (plugin != null) {
            try {
                for (RecordComponent c : PluginRegistry.configType(plugin).getRecordComponents()) {
                    Param p = c.getAnnotation(Param.class);
                    if (p != null && p.secret()) {
                        secret.add(p.name().isEmpty() ? Binder.snake(c.getName()) : p.name());
                    }
                }
            } catch (IllegalStateException notAPlugin) {
                // copy and relabel are built by the engine and have no Config record: the well-known names suffice.
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        section.params().forEach((k, v) -> out.put(k, secret.contains(k) ? ConfigDump.MASK : v.text()));
        return Collections.unmodifiableMap(out);
    }
}
