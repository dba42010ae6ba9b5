package io.floe.agent.testplugins;

import io.floe.api.Filter;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.codec.event.Event;

/** Adds a field; drops events that carry {@code drop_key}; throws on events that carry {@code fail_key}. */
@Plugin(type = "set_field", desc = "Test filter.")
public final class SetFieldFilter implements Filter {
    public record Config(
            @Param(desc = "Key to set.") String key,
            @Param(desc = "Value to set.") String value,
            @Param(desc = "Drop events with this key.", dflt = Param.NULL) String dropKey,
            @Param(desc = "Fail on events with this key.", dflt = Param.NULL) String failKey) {
    }

    private final Config config;

    public SetFieldFilter(Config config, PluginContext ctx) {
        this.config = config;
    }

    @Override
    public boolean filter(String tag, Event event) {
        if (config.failKey() != null && event.record().containsKey(config.failKey())) {
            throw new IllegalStateException("cannot filter an event with " + config.failKey());
        }
        if (config.dropKey() != null && event.record().containsKey(config.dropKey())) {
            return false;
        }
        event.record().put(config.key(), config.value());
        return true;
    }
}
