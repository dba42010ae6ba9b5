package io.floe.inputs.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.inputs.InputUnderTest;
import io.floe.inputs.RecordingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exact bytes Docker's syslog logging driver wrote (captured from a real engine: see
 * src/test/resources/docker-syslog/README.md), replayed into in_syslog. Every container printed the same seven lines; each
 * arrives once, with the fields Fluentd's in_syslog gives it.
 */
class DockerSyslogBytesTest {
    @RegisterExtension
    final InputUnderTest<SyslogInput.Config, SyslogInput> under = new InputUnderTest<>("syslog", SyslogInput.Config.class, SyslogInput::new,
            "port 0", "bind 127.0.0.1", "tag docker");
    private final RecordingContext ctx = under.ctx;

    /** What every container printed (Docker sends no message for the empty line it printed too). */
    private static final String LONG_LINE = "x".repeat(10240);
    private static final List<String> PRINTED = List.of("first line", "multi", "line", "UTF-8: h\u00e9llo w\u00f6rld \u2713", "to stderr",
            LONG_LINE, "last line");
    private static final String TCP = "<transport tcp>\n</transport>";

    @Test
    void rfc3164OverTcpIsNewlineFramed() throws Exception {
        replayTcp("tcp-rfc3164.tcp", TCP, "message_format rfc3164");
        assertEachLineOnce();
        assertHeaders(Map.of("host", "vm", "ident", "app", "pid", "6095"));
    }

    @Test
    void rfc5424OverTcpIsNewlineFramedWithSecondsOnly() throws Exception {
        replayTcp("tcp-rfc5424.tcp", TCP, "message_format rfc5424");
        assertRfc5424Lines();
        assertEquals(Instant.parse("2026-12-08T02:18:02Z"), timeOf("first line"));
    }

    @Test
    void rfc5424microKeepsTheDriversMicroseconds() throws Exception {
        replayTcp("tcp-rfc5424micro.tcp", TCP, "message_format auto");
        assertRfc5424Lines();
        assertEquals(Instant.parse("2026-12-08T02:18:04.042404Z"), timeOf("first line"));
        assertEquals(Instant.parse("2026-12-08T02:18:04.042731Z"), timeOf("to stderr"));
    }

    /** Over tcp+tls the driver counts octets (RFC 5425) and still ends each message with a newline inside the count. */
    @Test
    void rfc5424microOverTlsIsOctetCounted() throws Exception {
        replayTcp("tls-rfc5424micro.tls", "frame_type octet_count\n" + TCP, "message_format rfc5424");
        assertRfc5424Lines();
        assertEquals(Instant.parse("2026-12-08T02:18:08.369573Z"), timeOf("to stderr"));
    }

    @Test
    void rfc5424microOverUdpOneDatagramPerLine() throws Exception {
        replayUdp("udp-rfc5424micro.udp", "message_format auto");
        assertRfc5424Lines();
        assertEquals(Instant.parse("2026-12-08T02:18:06.927216Z"), timeOf("last line"));
    }

    /**
     * Docker's default format (no syslog-format) writes no hostname: {@code <30>Dec  8 02:18:05 app[6095]: first line}.
     * Fluentd's RFC 3164 regexp then reads "app[6095]:" as the host and the message's first word as the ident, and Floe
     * gives the same fields, which is why the example sets syslog-format.
     */
    @Test
    void theDefaultFormatHasNoHostnameAndParsesAsFluentdDoes() throws Exception {
        replayUdp("udp-default-daemon.udp", "message_format rfc3164");
        under.awaitEvents(PRINTED.size());
        assertTrue(ctx.router.records().contains(Map.of("host", "app[6095]:", "ident", "first", "message", "line")), "first line");
        assertTrue(ctx.router.records().contains(Map.of("host", "app[6095]:", "ident", "UTF-8", "message", "h\u00e9llo w\u00f6rld \u2713")));
    }

    @Test
    void theDefaultFormatOverTcpIsNewlineFramed() throws Exception {
        replayTcp("tcp-default.tcp", TCP, "message_format rfc3164");
        under.awaitEvents(PRINTED.size());
        assertTrue(ctx.router.records().contains(Map.of("host", "app[6095]:", "ident", "to", "message", "stderr")), "to stderr");
        assertEquals(1, ctx.router.emits.stream().filter(e -> e.tag().equals("docker.daemon.err")).mapToInt(e -> e.events().size()).sum());
    }

    private void replayTcp(String capture, String transport, String format) throws Exception {
        SyslogInput input = start(transport, format);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), input.port()); OutputStream out = s.getOutputStream()) {
            out.write(read(capture)); // as captured: the driver's one connection per container
        }
    }

    /** A .udp capture holds each datagram as a 4-byte big-endian length and its bytes. */
    private void replayUdp(String capture, String format) throws Exception {
        // Docker sends the 10 KB line as one datagram; Fluentd's UDP default (2048) would cut it.
        SyslogInput input = start("message_length_limit 16k", format);
        ByteBuffer datagrams = ByteBuffer.wrap(read(capture));
        try (DatagramSocket s = new DatagramSocket()) {
            for (int sent = 1; datagrams.hasRemaining(); sent++) {
                byte[] d = new byte[datagrams.getInt()];
                datagrams.get(d);
                s.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), input.port()));
                under.awaitEvents(sent); // loopback UDP may drop a burst; one at a time keeps the order too
            }
        }
    }

    private SyslogInput start(String transport, String format) throws Exception {
        List<String> lines = new ArrayList<>(List.of(transport.split("\n")));
        lines.addAll(List.of("<parse>", format, "</parse>"));
        return under.start(lines.toArray(String[]::new));
    }

    private static byte[] read(String capture) throws IOException {
        try (InputStream in = DockerSyslogBytesTest.class.getResourceAsStream("/docker-syslog/" + capture)) {
            assertNotNull(in, capture);
            return in.readAllBytes();
        }
    }

    /** Events of one read are emitted grouped by tag, so stderr's line is compared by content, not position. */
    private void assertEachLineOnce() {
        under.awaitEvents(PRINTED.size());
        List<String> arrived = new ArrayList<>();
        ctx.router.emits.forEach(emit -> emit.events().forEach(e -> arrived.add(emit.tag() + " " + e.record().get("message"))));
        assertEquals(PRINTED.stream().map(l -> tagOf(l) + " " + l).sorted().toList(), arrived.stream().sorted().toList());
    }

    /** Docker's default facility is daemon; stdout is info, stderr err. */
    private static String tagOf(String line) {
        return line.equals("to stderr") ? "docker.daemon.err" : "docker.daemon.info";
    }

    /** Each line once, with the header the driver writes in RFC 5424: the tag is both APP-NAME and MSGID. */
    private void assertRfc5424Lines() {
        assertEachLineOnce();
        assertHeaders(Map.of("host", "vm", "ident", "app", "pid", "6095", "msgid", "app", "extradata", "-"));
    }

    private void assertHeaders(Map<String, String> headers) {
        for (Map<String, Object> r : ctx.router.records()) {
            headers.forEach((k, v) -> assertEquals(v, r.get(k), k));
        }
    }

    private Instant timeOf(String message) {
        int event = ctx.router.records().stream().map(r -> r.get("message")).toList().indexOf(message);
        var t = ctx.router.events().get(event).time();
        return Instant.ofEpochSecond(t.seconds(), t.nanos());
    }
}
