package io.floe.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The agent's own log, in Fluentd's line format ({@code 2026-11-21 04:43:04 +0000 [warn]: [plugin_id] message}),
 * configured in code so start-up reads no XML. Quiet by default: info for the agent, warn for libraries.
 * What a configuration's {@code <system>} says (level, format, suppression of repeats) and where its
 * {@code fluent.*} events go are applied with each configuration that starts. The pieces live in
 * logback's context, which is the one logging state of the process.
 */
public final class AgentLogging {
    private static final String MAIN = "main";
    private static final String FLUENT = "fluent";
    private static final String REPEATS = "floe.repeats";
    private static final String COMMAND_LINE_LEVEL = "floe.commandLineLevel";

    private AgentLogging() {
    }

    /**
     * @param level the agent's level from the command line, or null when it gave none ({@code <system>
     *              log_level} may then set it; info until it does)
     * @param file the log file ({@code -o}), or null for standard error
     */
    public static void configure(String level, String file) {
        LoggerContext ctx = context();
        ctx.reset();
        ctx.getFrameworkPackages().add("io.floe.agent.logging");
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
        app.setEncoder(textEncoder(ctx));
        app.setName(MAIN);
        RepeatedLogFilter repeats = new RepeatedLogFilter();
        repeats.start();
        ctx.putObject(REPEATS, repeats);
        app.addFilter(repeats);
        app.start();
        FluentLogEvents fluent = new FluentLogEvents();
        fluent.setContext(ctx);
        fluent.setName(FLUENT);
        fluent.addFilter(repeats);
        fluent.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(app);
        root.addAppender(fluent);
        ctx.putObject(COMMAND_LINE_LEVEL, level != null);
        agentLevel(ctx, parse(level == null ? "info" : level));
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext ctx) {
        return encoder(ctx, new TextLogLayout());
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext ctx) {
        return encoder(ctx, new JsonLogLayout());
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, LayoutBase<ILoggingEvent> layout) {
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
        enc.setContext(ctx);
        enc.setLayout(layout);
        enc.start();
        return enc;
    }

    private static void agentLevel(LoggerContext ctx, Level level) {
        ctx.getLogger("floe").setLevel(level);
        ctx.getLogger("plugin").setLevel(level);
        ctx.getLogger("io.floe").setLevel(level);
    }

    /**
     * Applies a configuration's {@code <system>}: {@code log_level} (the command line's -v/-q win, as in
     * Fluentd), {@code <log> format text|json}, {@code ignore_repeated_log_interval} and
     * {@code ignore_same_log_interval} (null: off).
     */
    public static void applySystem(String logLevel, String format, Duration ignoreRepeated, Duration ignoreSame) {
        LoggerContext ctx = context();
        if (!Boolean.TRUE.equals(ctx.getObject(COMMAND_LINE_LEVEL))) {
            agentLevel(ctx, parse(logLevel == null ? "info" : logLevel));
        }
        if (ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(MAIN) instanceof OutputStreamAppender<ILoggingEvent> main) {
            main.setEncoder("json".equals(format) ? jsonEncoder(ctx) : textEncoder(ctx));
        }
        if (ctx.getObject(REPEATS) instanceof RepeatedLogFilter repeats) {
            repeats.intervals(ignoreRepeated, ignoreSame);
        }
    }

    /** Where the agent's own log events ({@code fluent.*}) go from now on; null: nowhere. */
    public static void routeFluentLog(FluentLogEvents.Route route) {
        if (context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(FLUENT) instanceof FluentLogEvents fluent) {
            fluent.route(route);
        }
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /**
     * Sets each plugin logger's level from its {@code @log_level}; plugins without one (any more) follow
     * the agent's level again.
     */
    public static void pluginLevels(Map<String, String> levels) {
        LoggerContext ctx = context();
        for (Logger l : ctx.getLoggerList()) {
            if (l.getName().startsWith("plugin.") && l.getLevel() != null) {
                l.setLevel(null);
            }
        }
        levels.forEach((name, level) -> ctx.getLogger(name).setLevel(parse(level)));
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
