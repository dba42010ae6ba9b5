package io.floe.agent.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code <system><log> format json</log></system>}: one JSON object a line, with Fluentd's keys
 * ({@code {"time":"2026-11-21 04:43:04 +0000","level":"info","message":"...","worker_id":0}}), the message
 * escaped as in the text format.
 */
final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", LogText.time(event));
            g.writeStringField("level", LogText.level(event));
            StringBuilder message = new StringBuilder(LogText.message(event));
            // Fluentd writes a backtrace as lines joined by newlines inside one JSON string.
            for (String line : LogText.stackTrace(event.getThrowableProxy())) {
                message.append('\n').append(line);
            }
            g.writeStringField("message", message.toString());
            g.writeNumberField("worker_id", 0);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
