package io.floe.agent.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code <system><log> format json</log></system>}: one JSON object a line, with Fluentd's keys
 * ({@code {"time":"2026-11-21 04:43:04 +0000","level":"info","message":"...","worker_id":0}}).
 */
final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(ZoneId.systemDefault())));
            g.writeStringField("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
            String message = PluginIdConverter.prefix(event.getLoggerName()) + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                message += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            g.writeStringField("message", message);
            g.writeNumberField("worker_id", 0);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
