package io.floe.inputs.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.inputs.InputUnderTest;
import io.floe.inputs.RecordingContext;
import io.floe.inputs.net.Logger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** in_udp against real senders: a Java datagram socket and util-linux logger. */
class UdpInputTest {
    @RegisterExtension
    final InputUnderTest<UdpInput.Config, UdpInput> under = new InputUnderTest<>("udp", UdpInput.Config.class, UdpInput::new,
            "port 0", "bind 127.0.0.1", "tag udp.events");
    private final RecordingContext ctx = under.ctx;
    private UdpInput input;

    private void start(String... lines) throws Exception {
        input = under.start(lines);
    }

    private void send(String... messages) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            for (String m : messages) {
                byte[] b = m.getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), input.port()));
            }
        }
    }

    @Test
    void eachDatagramIsOneEventWithoutItsNewline() throws Exception {
        start("source_address_key client_addr", "source_hostname_key client_host", "<parse>", "@type json", "</parse>");
        send("{\"k\":\"v1\"}\n", "{\"k\":\"v2\"}");
        under.awaitEvents(2);
        assertEquals(List.of("v1", "v2"), ctx.router.field("k"));
        assertEquals("udp.events", ctx.router.emits.get(0).tag());
        Map<String, Object> r = ctx.router.records().get(0);
        assertEquals("127.0.0.1", r.get("client_addr"));
        assertTrue(r.get("client_host") instanceof String h && !h.isEmpty());
    }

    @Test
    void removeNewlineFalseKeepsIt() throws Exception {
        start("remove_newline false", "<parse>", "@type none", "</parse>");
        send("line\n");
        under.awaitEvents(1);
        assertEquals(List.of("line\n"), ctx.router.field("message"));
    }

    @Test
    void loggerOverUdpWithTheSyslogParser() throws Exception {
        start("<parse>", "@type syslog", "message_format auto", "with_priority true", "</parse>");
        Logger.send(input.port(), "hello over udp 3164", "--udp", "--rfc3164", "--priority", "local0.err");
        under.awaitEvents(1); // separate sockets: the order of arrival is the order of sending
        Logger.send(input.port(), "hello over udp 5424", "--udp", "--rfc5424");
        under.awaitEvents(2);
        List<Map<String, Object>> records = ctx.router.records();
        assertEquals("hello over udp 3164", records.get(0).get("message"));
        assertEquals(16L * 8 + 3, records.get(0).get("pri"));
        assertEquals("hello over udp 5424", records.get(1).get("message"));
    }

    @Test
    void aLongerDatagramIsCutToTheLimitWithOneWarning() throws Exception {
        start("message_length_limit 10", "<parse>", "@type none", "</parse>");
        send("0123456789abcdef", "\u001b[31m0123456789abcdef", "short");
        under.awaitEvents(3);
        assertEquals(List.of("0123456789", "\u001b[31m01234", "short"), ctx.router.field("message"));
        Awaitility.await().until(() -> ctx.log.warnings().size() == 1);
        assertTrue(!ctx.log.warnings().get(0).contains("\u001b"), ctx.log.warnings().get(0));
    }

    @Test
    void whatCannotBeTakenIsDroppedAndCounted() throws Exception {
        start("<parse>", "@type none", "</parse>");
        input.pause();
        send("while paused 1", "while paused 2");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> input.monitorFields().get("dropped_records").equals(2L));
        input.resume();
        ctx.router.outcome = e -> CompletableFuture.failedFuture(new IllegalStateException("buffer full"));
        send("refused");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> input.monitorFields().get("dropped_records").equals(3L));
        ctx.router.outcome = e -> CompletableFuture.completedFuture(null);
        send("taken");
        under.awaitEvents(1);
        assertEquals(List.of("taken"), ctx.router.field("message"));
        assertEquals(1, ctx.log.warnings().size(), "one warning per interval for all drops: " + ctx.log.warnings());
        assertEquals(3, ctx.metrics.numErrors.sum());
    }
}
