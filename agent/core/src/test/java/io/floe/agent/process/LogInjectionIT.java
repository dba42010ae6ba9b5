package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.testkit.ForwardClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * A forward client puts a newline, a carriage return, an ANSI colour sequence and a NUL into tags and
 * records, with a whole forged log line after the newline. The agent logs about them (the unmatched tag,
 * an output failing on the tag, an invalid record dumped by the @ERROR default, a refused handshake naming
 * the client's host name), and its log, in the text
 * and the JSON format, holds only the agent's own lines: the client's text is there, escaped as Ruby's
 * {@code inspect} escapes it, inside them. The captured {@code fluent.*} events carry the same text.
 */
class LogInjectionIT {
    private static final String FORGED_LINE = "2026-01-01 00:00:00 +0000 [error]: forged";
    /** What the client appends to tags and record values. */
    private static final String EVIL = "\n" + FORGED_LINE + "\r\u001b[31mred\u0000";
    /** How the agent writes it. */
    private static final String ESCAPED = "\\n" + FORGED_LINE + "\\r\\e[31mred\\u0000";
    /** An output's error quotes the value escaped; the log escapes that message as a whole once more. */
    private static final String ESCAPED_IN_ERROR = ESCAPED.replace("\\", "\\\\");
    private static final String TEXT_LINE = "(  )?\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\[(trace|debug|info|warn|error)\\]: .*";

    @RegisterExtension
    final Agents agents = new Agents();

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void theClientsTextIsEscapedInsideTheAgentsOwnLines(String format) throws Exception {
        int port = agents.freePort();
        int dead = agents.freePort();
        int secured = agents.freePort();
        String config = """
                <system>
                  <log>
                    format %s
                  </log>
                </system>
                <source>
                  @type forward
                  @id in_fw
                  port %d
                  bind 127.0.0.1
                </source>
                <source>
                  @type forward
                  @id in_secured
                  port %d
                  bind 127.0.0.1
                  <security>
                    self_hostname agg
                    shared_key the-key
                  </security>
                </source>
                <filter parse.**>
                  @type parser
                  key_name log
                  <parse>
                    @type regexp
                    expression /^(?<n>\\d+)$/
                  </parse>
                </filter>
                <match parse.**>
                  @type null
                </match>
                <match file.*>
                  @type file
                  @id out_bad
                  path %s/out/${tag}/log
                  <buffer tag>
                    @type memory
                    flush_mode immediate
                  </buffer>
                </match>
                <match fwd.*>
                  @type forward
                  @id out_dead
                  <server>
                    host 127.0.0.1
                    port %d
                  </server>
                  <buffer>
                    @type memory
                    flush_mode immediate
                  </buffer>
                </match>
                """.formatted(format, port, secured, agents.dir(), dead) + FluentConf.label("@FLUENT_LOG", FluentConf.file("fluent.**", null,
                agents.path("fluentlog/log"), "@type memory", "flush_mode immediate"));
        AgentProcess agent = agents.running("agent.conf", config);
        try (ForwardClient c = new ForwardClient("127.0.0.1", port, Duration.ofSeconds(30))) {
            send(c, "lost.x" + EVIL, "message", "m" + EVIL);
            send(c, "file.x" + EVIL, "message", "m" + EVIL);
            send(c, "fwd.x" + EVIL, "message", "m" + EVIL);
            send(c, "parse.x", "log", "x" + EVIL);
        }
        pingWithHostname(secured, "h" + EVIL);
        String unmatched = "no patterns matched tag=\"lost.x" + ESCAPED + "\"";
        // The refused handshake is logged with the client's host name, inside the quoted error.
        String refused = "[in_secured] closing forward connection from 127.0.0.1:";
        String hostname = "(client hostname \\\"h" + ESCAPED + "\\\")";
        String dumped = "dump an error event: error=\"pattern not match with data 'x" + ESCAPED + "'\"";
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast("agent exited", () -> !agent.isAlive())
                .until(() -> {
                    List<String> messages = messages(agent, format);
                    return messages.stream().anyMatch(m -> m.equals(unmatched))
                            && messages.stream().anyMatch(m -> m.startsWith(dumped))
                            && messages.stream().anyMatch(m -> m.startsWith("[out_bad] ") && m.contains("file.x" + ESCAPED_IN_ERROR))
                            && messages.stream().anyMatch(m -> m.startsWith("[out_dead] failed to flush the buffer"))
                            && messages.stream().anyMatch(m -> m.startsWith(refused) && m.endsWith(hostname))
                            && capturedMessages().contains(unmatched);
                });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the warnings did not come; agent log:\n" + agent.stderr() + "\ncaptured:\n" + captured(), e);
        }

        List<String> lines = agent.stderrLines();
        for (String line : lines) {
            assertFalse(line.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f), "a control character in the log: " + line);
            assertFalse(line.replace("\\n" + FORGED_LINE, "").contains(FORGED_LINE), "the client's line in the log: " + line);
            if ("json".equals(format) && line.startsWith("{")) {
                JsonNode n = json(line);
                assertTrue(n.has("time") && n.has("level") && n.has("message"), line);
                assertFalse(n.get("message").asText().contains(EVIL.substring(0, 1) + FORGED_LINE), line);
            } else {
                assertTrue(line.matches(TEXT_LINE), "not a log line: " + line);
            }
        }
        if ("json".equals(format)) {
            // The text lines are the start-up's, before <system> switched the format.
            int firstJson = indexOfFirst(lines, l -> l.startsWith("{"));
            assertTrue(firstJson >= 0, agent.stderr());
            assertTrue(lines.subList(firstJson, lines.size()).stream().allMatch(l -> l.startsWith("{")), agent.stderr());
        }
        // The fluent.* events hold the messages as the log writes them.
        List<String> captured = capturedMessages();
        assertTrue(captured.stream().anyMatch(m -> m.startsWith("[out_bad] ") && m.contains("file.x" + ESCAPED_IN_ERROR)), captured.toString());
        assertTrue(captured.stream().noneMatch(m -> m.contains(EVIL.substring(0, 1) + FORGED_LINE)), captured.toString());
    }

    private static void send(ForwardClient c, String tag, String key, String value) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString(key).packString(value);
        p.close();
        c.sendMessage(tag, 1_700_000_000L, 0, p.toByteArray(), "c" + tag.hashCode());
        c.flush();
        // The ack comes once the agent has routed the event.
        c.readAck();
    }

    /** Answers the HELO with a PING that names {@code hostname} and fails the shared key. */
    private static void pingWithHostname(int port, String hostname) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            MessageUnpacker in = MessagePack.newDefaultUnpacker(s.getInputStream());
            assertEquals("HELO", in.unpackValue().asArrayValue().get(0).asStringValue().asString());
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            p.packArrayHeader(6).packString("PING").packString(hostname).packString("salt").packString("not-the-digest")
                    .packString("").packString("");
            p.close();
            s.getOutputStream().write(p.toByteArray());
            s.getOutputStream().flush();
            // The PONG says no; the agent closes the connection after it.
            assertFalse(in.unpackValue().asArrayValue().get(1).asBooleanValue().getBoolean());
        }
    }

    /** The log's messages: a text line's part after the level, a JSON line's "message". */
    private static List<String> messages(AgentProcess agent, String format) {
        List<String> out = new ArrayList<>();
        for (String l : agent.stderrLines()) {
            if (l.startsWith("{")) {
                out.add(json(l).get("message").asText());
            } else if (l.matches(TEXT_LINE)) {
                out.add(l.substring(l.indexOf("]: ") + 3));
            }
        }
        return out;
    }

    private String captured() throws IOException {
        return OutputFiles.text(agents.path("fluentlog"));
    }

    /** The {@code fluent.*} events' messages, from out_file's lines: time, tag and the record as JSON. */
    private List<String> capturedMessages() throws IOException {
        return captured().lines().filter(l -> l.contains("\tfluent."))
                .map(l -> json(l.substring(l.lastIndexOf('\t') + 1)).get("message").asText()).toList();
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    private static int indexOfFirst(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
