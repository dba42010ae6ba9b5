package io.floe.agent.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client text in log calls comes out escaped, Ruby-inspect style, on one line, in both log formats. */
class LogTextTest {
    private static final String FORGED = "x\n2026-01-01 00:00:00 +0000 [error]: forged";
    private final LoggerContext ctx = new LoggerContext();

    private LoggingEvent event(String logger, String message, Throwable t, Object... args) {
        return new LoggingEvent(LogTextTest.class.getName(), ctx.getLogger(logger), Level.WARN, message, t, args);
    }

    private static String text(LoggingEvent e) {
        TextLogLayout layout = new TextLogLayout();
        layout.start();
        return layout.doLayout(e);
    }

    @Test
    void argumentsAreEscapedAsRubyInspectDoes() {
        String tag = "a\"b\\c\n\r\t\u001b[31mred\u0000\u007f\u0085\u2028\u202e#{x}";
        String m = LogText.message(event("floe", "no patterns matched tag=\"{}\"", null, tag));
        assertEquals("no patterns matched tag=\"a\\\"b\\\\c\\n\\r\\t\\e[31mred\\u0000\\x7F\\u0085\\u2028\\u202E#{x}\"", m);
    }

    @Test
    void printableTextIsWrittenAsItIs() {
        assertEquals("[in_fw] tag=\"app.web\" host=\"héllo ✓ 😀\" n=3 x=null",
                LogText.message(event("plugin.in_fw", "tag=\"{}\" host=\"{}\" n={} x={}", null, "app.web", "héllo ✓ 😀", 3, null)));
    }

    @Test
    void objectsAndConcatenatedTextAreEscapedToo() {
        assertEquals("file a\\\"\\nb", LogText.message(event("floe", "file {}", null, Path.of("a\"\nb"))));
        // A call site that concatenates: its quotes are its own, its control characters are escaped.
        assertEquals("tag=\"" + "x\\n2026-01-01 00:00:00 +0000 [error]: forged" + "\"",
                LogText.message(event("floe", "tag=\"" + FORGED + "\"", null)));
    }

    @Test
    void aTextLineIsOneLineAndAStackTraceCarriesThePrefixOnEachLine() {
        Exception e = new IllegalStateException("bad " + FORGED, new RuntimeException("\u001b[2Jcleared"));
        String out = text(event("plugin.out_x", "failed: {}", e, FORGED));
        List<String> lines = out.lines().toList();
        assertTrue(lines.size() > 3, out);
        for (String l : lines) {
            assertTrue(l.matches("(  )?\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\[warn\\]: \\[out_x\\] .*"), l);
            assertFalse(l.contains("\u001b"), l);
        }
        assertTrue(lines.get(0).endsWith("[warn]: [out_x] failed: x\\n2026-01-01 00:00:00 +0000 [error]: forged"), out);
        assertTrue(lines.get(1).endsWith("[out_x] java.lang.IllegalStateException: bad x\\n2026-01-01 00:00:00 +0000 [error]: forged"), out);
        assertTrue(lines.get(2).contains("[out_x] \tat io.floe.agent.logging.LogTextTest."), out);
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("Caused by: java.lang.RuntimeException: \\e[2Jcleared")), out);
    }

    @Test
    void aJsonLineIsJsonWithTheSameEscapedMessage() throws Exception {
        JsonLogLayout layout = new JsonLogLayout();
        layout.start();
        String out = layout.doLayout(event("floe", "tag=\"{}\"", new RuntimeException(FORGED), FORGED));
        assertEquals(1, out.lines().count(), out);
        JsonNode n = new ObjectMapper().readTree(out);
        String message = n.get("message").asText();
        assertTrue(message.startsWith("tag=\"x\\n2026-01-01 00:00:00 +0000 [error]: forged\"\njava.lang.RuntimeException: x\\n2026"), message);
        assertEquals("warn", n.get("level").asText());
    }
}
