package io.floe.outputs.format;

import io.floe.api.PluginTypes;
import io.floe.conf.ConfigElement;
import java.time.ZoneId;

/**
 * What a formatter takes from the output that builds it: the zone Fluentd calls local time, the plugins it
 * may build (stdout's output_type formatter, from the same section), the {@code <format>} section itself and
 * the output's v0.12 parameters.
 */
public record FormatterEnv(ZoneId localZone, PluginTypes plugins, ConfigElement section, FormatConfig.Legacy legacy) {

    /** The section's time parameters with the output's v0.12 ones filled in. */
    public FormatConfig common(FormatConfig written) {
        return legacy.apply(written);
    }

    public TimeFormat time(FormatConfig written) {
        return TimeFormat.of(common(written), localZone);
    }
}
