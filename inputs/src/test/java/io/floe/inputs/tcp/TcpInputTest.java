package io.floe.inputs.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.inputs.InputUnderTest;
import io.floe.inputs.RecordingContext;
import io.floe.inputs.Sources;
import io.floe.inputs.net.Logger;
import io.floe.testkit.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** in_tcp against real senders: raw sockets, util-linux logger, TLS. */
class TcpInputTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final InputUnderTest<TcpInput.Config, TcpInput> under = new InputUnderTest<>("tcp", TcpInput.Config.class, TcpInput::new,
            "port 0", "bind 127.0.0.1", "tag tcp.events");
    private final RecordingContext ctx = under.ctx;
    private TcpInput input;

    private void start(String... lines) throws Exception {
        input = under.start(lines);
    }

    private Socket send(String text) throws IOException {
        Socket s = new Socket("127.0.0.1", input.port());
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        return s;
    }

    @Test
    void eachLineIsOneEventWithTheTagAndTheSendersAddress() throws Exception {
        start("source_address_key client_addr", "source_hostname_key client_host", "<parse>", "@type none", "</parse>");
        long before = System.currentTimeMillis() / 1000;
        try (Socket s = send("first\nsecond\r\n\n")) {
            under.awaitEvents(3);
        }
        assertEquals(List.of("first", "second\r", ""), ctx.router.field("message"), "split at the delimiter only, as Fluentd does");
        assertEquals("tcp.events", ctx.router.emits.get(0).tag());
        Map<String, Object> first = ctx.router.records().get(0);
        assertEquals("127.0.0.1", first.get("client_addr"));
        assertTrue(first.get("client_host") instanceof String h && !h.isEmpty());
        assertEquals(List.of("message", "client_addr", "client_host"), new ArrayList<>(first.keySet()));
        assertTrue(ctx.router.events().get(0).time().seconds() >= before, "the time of arrival");
    }

    @Test
    void aLineSplitAcrossWritesAndACustomDelimiter() throws Exception {
        start("delimiter \"||\"", "<parse>", "@type json", "</parse>");
        try (Socket s = send("{\"k\":\"v1\"}||{\"k\"")) {
            s.getOutputStream().write(":\"v2\"}|".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            s.getOutputStream().write("|".getBytes(StandardCharsets.UTF_8));
            under.awaitEvents(2);
        }
        assertEquals(List.of("v1", "v2"), ctx.router.field("k"));
    }

    @Test
    void loggerOverTcpWithTheSyslogParser() throws Exception {
        start("<parse>", "@type syslog", "message_format auto", "with_priority true", "</parse>");
        Logger.send(input.port(), "hello over tcp 3164", "--tcp", "--rfc3164");
        under.awaitEvents(1); // separate connections: the order of arrival is the order of sending
        Logger.send(input.port(), "hello over tcp 5424", "--tcp", "--rfc5424");
        under.awaitEvents(2);
        List<Map<String, Object>> records = ctx.router.records();
        assertEquals("hello over tcp 3164", records.get(0).get("message"));
        assertEquals("app", records.get(0).get("ident"));
        assertEquals(13L, records.get(0).get("pri"), "user.notice, logger's default");
        assertEquals("hello over tcp 5424", records.get(1).get("message"));
        assertEquals("app", records.get(1).get("ident"));
    }

    @Test
    void anOversizeLineCostsOnlyItselfWithOneWarning() throws Exception {
        start("message_length_limit 16", "<parse>", "@type none", "</parse>");
        String big = "x".repeat(100_000);
        try (Socket s = send("short\n" + big + "\nafter\n" + "\u001b[31m" + big + "\nlast\n")) {
            under.awaitEvents(3);
        }
        assertEquals(List.of("short", "after", "last"), ctx.router.field("message"));
        List<String> warnings = ctx.log.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("message_length_limit") && warnings.get(0).contains("127.0.0.1"), warnings.get(0));
        assertEquals(2, ctx.metrics.numErrors.sum());
    }

    @Test
    void linesTheParserDoesNotMatchAreDroppedWithAWarningNamingThePeer() throws Exception {
        start("<parse>", "@type regexp", "expression /^(?<n>\\d+):(?<w>\\w+)$/", "</parse>");
        try (Socket s = send("123:abc\nnot \u001b matching\n456:def\n")) {
            under.awaitEvents(2);
        }
        assertEquals(List.of("123", "456"), ctx.router.field("n"));
        Awaitility.await().until(() -> ctx.log.warnings().size() == 1);
        String w = ctx.log.warnings().get(0);
        assertTrue(w.contains("pattern not matched") && w.contains("\\e") && !w.contains("\u001b"), w);
    }

    @Test
    void aPausedInputReadsNothingUntilResumed() throws Exception {
        start("<parse>", "@type none", "</parse>");
        try (Socket s = send("before\n")) {
            under.awaitEvents(1);
            input.pause();
            s.getOutputStream().write("during\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            try (Socket late = send("new connection\n")) {
                // Nothing is read while paused; a short wait shows no event arrives.
                Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> ctx.router.count() == 1);
                input.resume();
                under.awaitEvents(3);
            }
        }
    }

    @Test
    void tooManyEmitsInFlightStopReadingUntilTheyComplete() throws Exception {
        CompletableFuture<Void> held = new CompletableFuture<>();
        ctx.router.outcome = e -> held;
        start("<parse>", "@type none", "</parse>");
        try (Socket s = new Socket("127.0.0.1", input.port())) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < TcpServer.MAX_IN_FLIGHT; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                int expected = i + 1;
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ctx.router.count() == expected);
            }
            out.write("waits\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> ctx.router.count() == TcpServer.MAX_IN_FLIGHT);
            held.complete(null);
            under.awaitEvents(TcpServer.MAX_IN_FLIGHT + 1);
        }
    }

    @Test
    void aThousandIdleConnectionsCostNothingToTheOneThatSends() throws Exception {
        start("<parse>", "@type none", "</parse>");
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                idle.add(new Socket("127.0.0.1", input.port()));
            }
            idle.get(0).getOutputStream().write("half a li".getBytes(StandardCharsets.UTF_8));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> input.connectionCount() == 1000);
            try (Socket s = send("through\n")) {
                under.awaitEvents(1);
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        assertEquals(List.of("through"), ctx.router.field("message"), "a line without its delimiter is not emitted");
    }

    @Test
    void tlsTransport() throws Exception {
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server");
        start("<transport tls>", "cert_path " + server.certPath(), "private_key_path " + server.keyPath(), "</transport>",
                "<parse>", "@type none", "</parse>");
        try (SSLSocket s = (SSLSocket) TestCertificates.clientContext(server, null).getSocketFactory().createSocket("127.0.0.1", input.port())) {
            s.getOutputStream().write("secret line\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            under.awaitEvents(1);
        }
        assertEquals(List.of("secret line"), ctx.router.field("message"));
    }

    @Test
    void configErrors() {
        assertTrue(Sources.errors(TcpInput.Config.class, "tcp", "<parse>", "@type none", "</parse>").toString().contains("tag"));
    }
}
