package io.floe.agent.config;

import io.floe.conf.ConfigDump;
import io.floe.conf.ConfigElement;
import java.util.Collections;
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
        Set<String> secret = SecretParams.of(plugin == null ? null : SecretParams.configType(plugin));
        Map<String, String> out = new LinkedHashMap<>();
        section.params().forEach((k, v) -> out.put(k, secret.contains(k) ? ConfigDump.MASK : v.text()));
        return Collections.unmodifiableMap(out);
    }
}
