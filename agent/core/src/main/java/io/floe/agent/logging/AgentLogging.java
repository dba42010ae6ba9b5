package io.floe.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The agent's own log, in Fluentd's line format ({@code 2026-11-21 04:43:04 +0000 [warn]: [plugin_id] message}),
 * configured in code so start-up reads no XML. Quiet by default: info for the agent, warn for libraries.
 */
public final class AgentLogging {
    private AgentLogging() {
    }

    /** @param level the agent's level; @param file the log file ({@code -o}), or null for standard error */
    public static void configure(String level, String file) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ctx.getFrameworkPackages().add("io.floe.agent.logging");
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        ctx.putObject("floe.converters", Boolean.TRUE);
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> registry = (java.util.Map<String, String>) ctx.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        if (registry == null) {
            registry = new java.util.HashMap<>();
            ctx.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, registry);
        }
        registry.put("flevel", LevelConverter.class.getName());
        registry.put("fplugin", PluginIdConverter.class.getName());
        enc.setPattern("%d{yyyy-MM-dd HH:mm:ss Z} [%flevel]: %fplugin%msg%n%ex");
        enc.start();
        OutputStreamAppender<ILoggingEvent> app;
        if (file != null) {
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setFile(file);
            f.setAppend(true);
            app = f;
        } else {
            ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
            c.setTarget("System.err");
            app = c;
        }
        app.setContext(ctx);
        app.setEncoder(enc);
        app.setName("main");
        app.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(app);
        Level agent = parse(level);
        ctx.getLogger("floe").setLevel(agent);
        ctx.getLogger("plugin").setLevel(agent);
        ctx.getLogger("io.floe").setLevel(agent);
    }

    /** Sets one logger's level from a Fluentd level name ({@code @log_level}). */
    public static void setLevel(String loggerName, String level) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(loggerName).setLevel(parse(level));
    }

    public static Level parse(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "warn" -> Level.WARN;
            case "error", "fatal" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
