package io.floe.parsers;

import io.floe.api.PluginContext;
import io.floe.api.PluginTypes;
import io.floe.codec.event.EventTime;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * What a parser takes from its surroundings: the zone Fluentd calls "local time" (the process's TZ), the
 * clock for {@code estimate_current_event}, the owning plugin's logger, and the plugins it may build
 * (multi_format's patterns, cri's nested parser). Tests pass fixed ones.
 */
public record ParserEnv(ZoneId localZone, Supplier<EventTime> clock, Logger log, PluginTypes plugins) {

    /** With the plugins on the class path, for parsers built outside an agent. */
    public ParserEnv(ZoneId localZone, Supplier<EventTime> clock, Logger log) {
        this(localZone, clock, log, PluginTypes.classPath());
    }

    /** The environment of a parser the plugin {@code ctx} builds. */
    public static ParserEnv of(PluginContext ctx) {
        return new ParserEnv(ZoneId.systemDefault(), EventTime::now, ctx.log(), ctx.plugins());
    }

    public static ParserEnv of(Logger log) {
        return new ParserEnv(ZoneId.systemDefault(), EventTime::now, log);
    }

    public static ParserEnv system() {
        return of(NOPLogger.NOP_LOGGER);
    }
}
