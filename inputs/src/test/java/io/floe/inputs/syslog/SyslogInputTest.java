package io.floe.inputs.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.inputs.InputUnderTest;
import io.floe.inputs.RecordingContext;
import io.floe.inputs.net.Logger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** in_syslog with util-linux logger in each of its modes, and raw senders for what logger does not send. */
class SyslogInputTest {
    @RegisterExtension
    final InputUnderTest<SyslogInput.Config, SyslogInput> under = new InputUnderTest<>("syslog", SyslogInput.Config.class, SyslogInput::new,
            "port 0", "bind 127.0.0.1", "tag system");
    private final RecordingContext ctx = under.ctx;
    private SyslogInput input;

    private void start(String... lines) throws Exception {
        input = under.start(lines);
    }

    private static final String[] KEYS = {"severity_key severity", "facility_key facility", "source_address_key source"};

    private void assertLoggerEvents(String message3164, String message5424) {
        under.awaitEvents(2);
        assertEquals(List.of("system.local0.err", "system.user.notice"), ctx.router.emits.stream().map(e -> e.tag()).toList());
        Map<String, Object> r = ctx.router.records().get(0);
        assertEquals(message3164, r.get("message"));
        assertEquals("app", r.get("ident"));
        assertEquals("err", r.get("severity"));
        assertEquals("local0", r.get("facility"));
        assertEquals("127.0.0.1", r.get("source"));
        assertFalse(r.containsKey("pri"), "the priority goes into the tag, as in Fluentd");
        assertEquals(message5424, ctx.router.records().get(1).get("message"));
        long now = Instant.now().getEpochSecond();
        assertTrue(Math.abs(ctx.router.events().get(1).time().seconds() - now) < 60, "the time the sender wrote");
    }

    @Test
    void udpIsTheDefaultTransport() throws Exception {
        start(Stream.concat(Stream.of(KEYS), Stream.of("<parse>", "message_format auto", "</parse>")).toArray(String[]::new));
        Logger.send(input.port(), "over udp 3164", "--udp", "--rfc3164", "--priority", "local0.err");
        under.awaitEvents(1); // separate connections: the order of arrival is the order of sending
        Logger.send(input.port(), "over udp 5424", "--udp", "--rfc5424");
        assertLoggerEvents("over udp 3164", "over udp 5424");
    }

    @Test
    void tcpTraditionalFraming() throws Exception {
        start(Stream.concat(Stream.of(KEYS), Stream.of("<transport tcp>", "</transport>", "<parse>", "message_format auto", "</parse>"))
                .toArray(String[]::new));
        Logger.send(input.port(), "over tcp 3164", "--tcp", "--rfc3164", "--priority", "local0.err");
        under.awaitEvents(1); // separate connections: the order of arrival is the order of sending
        Logger.send(input.port(), "over tcp 5424", "--tcp", "--rfc5424");
        assertLoggerEvents("over tcp 3164", "over tcp 5424");
    }

    @Test
    void tcpOctetCounting() throws Exception {
        start(Stream.concat(Stream.of(KEYS), Stream.of("frame_type octet_count", "<transport tcp>", "</transport>", "<parse>",
                "message_format auto", "</parse>")).toArray(String[]::new));
        Logger.send(input.port(), "octet 3164", "--tcp", "--octet-count", "--rfc3164", "--priority", "local0.err");
        under.awaitEvents(1); // separate connections: the order of arrival is the order of sending
        // A newline inside a message: octet counting keeps it (RFC 5424's message may span lines; Fluentd's 3164 regexp stops at one).
        Logger.send(input.port(), "octet\n5424", "--tcp", "--octet-count", "--rfc5424");
        assertLoggerEvents("octet 3164", "octet\n5424");
    }

    @Test
    void theDeprecatedProtocolTypeStillWorks() throws Exception {
        start("protocol_type tcp", "<parse>", "message_format rfc5424", "</parse>");
        Logger.send(input.port(), "via protocol_type", "--tcp", "--rfc5424");
        under.awaitEvents(1);
        assertEquals("via protocol_type", ctx.router.records().get(0).get("message"));
        assertTrue(ctx.log.warnings().get(0).contains("deprecated"));
    }

    @Test
    void unmatchedMessagesAreWarnedAboutAndEmittedWhenAskedTo() throws Exception {
        start("emit_unmatched_lines true", "source_address_key source");
        try (DatagramSocket s = new DatagramSocket()) {
            for (String m : List.of("no priority \u001b here", "<13>Dec  8 01:50:00 host app: fine")) {
                byte[] b = m.getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), input.port()));
            }
        }
        under.awaitEvents(2);
        assertEquals("system.unmatched", ctx.router.emits.get(0).tag());
        assertEquals(Map.of("unmatched_line", "no priority \u001b here", "source", "127.0.0.1"), ctx.router.records().get(0));
        assertEquals("system.user.notice", ctx.router.emits.get(1).tag());
        assertEquals(1, ctx.log.warnings().size());
        assertFalse(ctx.log.warnings().get(0).contains("\u001b"), "client bytes escaped");
    }

    @Test
    void anOversizeOctetCountedMessageCostsOnlyItself() throws Exception {
        start("frame_type octet_count", "<transport tcp>", "</transport>");
        String big = "<13>Dec  8 01:50:00 host app: " + "x".repeat(5 << 20);
        String ok = "<13>Dec  8 01:50:01 host app: after";
        try (Socket s = new Socket("127.0.0.1", input.port())) {
            s.getOutputStream().write((big.length() + " " + big + ok.length() + " " + ok).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            under.awaitEvents(1);
        }
        assertEquals("after", ctx.router.records().get(0).get("message"));
        assertEquals(1, ctx.log.warnings().size());
    }
}
