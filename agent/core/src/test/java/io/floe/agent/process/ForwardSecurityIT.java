package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.TestCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agent → aggregator over TLS (the aggregator also demands a client certificate) with the shared-key
 * handshake, between two real processes; and the same with a wrong key, which both sides must report clearly
 * while not one event crosses.
 */
class ForwardSecurityIT {
    private static final int EVENTS = 5_000;

    @RegisterExtension
    final Agents agents = new Agents();
    private TestCertificates.Pem server;
    private TestCertificates.Pem client;

    @BeforeEach
    void certificates() throws Exception {
        server = TestCertificates.selfSigned(agents.dir(), "aggregator");
        client = TestCertificates.selfSigned(agents.dir(), "agent");
    }

    private String aggregatorConf(int port, Path out) {
        return """
                <source>
                  @type forward
                  port %d
                  bind 127.0.0.1
                  <transport tls>
                    cert_path %s
                    private_key_path %s
                    client_cert_auth true
                    ca_path %s
                  </transport>
                  <security>
                    self_hostname aggregator
                    shared_key the-right-key
                  </security>
                </source>
                <match tier.**>
                  @type file
                  path %s/events
                  <format>
                    @type json
                  </format>
                  <buffer>
                    @type memory
                    flush_mode interval
                    flush_interval 200ms
                  </buffer>
                </match>
                """.formatted(port, server.certPath(), server.keyPath(), client.certPath(), out);
    }

    private String agentConf(int port, int aggregatorPort, String sharedKey) {
        return FluentConf.forward(port) + """
                <match tier.**>
                  @type forward
                  require_ack_response true
                  transport tls
                  tls_cert_path %s
                  tls_client_cert_path %s
                  tls_client_private_key_path %s
                  heartbeat_interval 200ms
                  recover_wait 1s
                  <security>
                    self_hostname agent
                    shared_key %s
                  </security>
                  <server>
                    name aggregator
                    host 127.0.0.1
                    port %d
                  </server>
                  <buffer>
                    @type memory
                    flush_mode interval
                    flush_interval 200ms
                    retry_wait 300ms
                  </buffer>
                </match>
                """.formatted(server.certPath(), client.certPath(), client.keyPath(), sharedKey, aggregatorPort);
    }

    /** The aggregator, and the agent forwarding to it with {@code sharedKey}, each running. */
    private record Tier(AgentProcess aggregator, AgentProcess agent, int agentPort, Path out) implements AutoCloseable {
        @Override
        public void close() {
            agent.close();
            aggregator.close();
        }
    }

    private Tier tier(String sharedKey) throws IOException {
        int aggPort = agents.freePort();
        int agentPort = agents.freePort();
        Path out = agents.path("out");
        AgentProcess aggregator = agents.runningIn("aggregator", aggregatorConf(aggPort, out));
        try {
            return new Tier(aggregator, agents.runningIn("agent", agentConf(agentPort, aggPort, sharedKey)), agentPort, out);
        } catch (IOException | RuntimeException | Error e) {
            aggregator.close();
            throw e;
        }
    }

    @Test
    void eventsCrossTlsAndTheHandshake() throws Exception {
        try (Tier tier = tier("the-right-key")) {
            new ForwardFeeder(tier.agentPort(), "tier.secure", 500, 2).send(EVENTS, Duration.ofMinutes(1));
            OutputFiles.awaitAll(tier.out(), EVENTS, Duration.ofSeconds(60));
            assertTrue(!tier.agent().stderr().contains("refused the handshake"), tier.agent().stderr());
            assertEquals(0, tier.agent().stop(Duration.ofSeconds(30)));
            assertEquals(0, tier.aggregator().stop(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aWrongSharedKeyIsReportedOnBothSidesAndNothingIsSent() throws Exception {
        try (Tier tier = tier("a-wrong-key")) {
            AgentProcess agent = tier.agent();
            AgentProcess aggregator = tier.aggregator();
            new ForwardFeeder(tier.agentPort(), "tier.secure", 500, 2).send(1000, Duration.ofMinutes(1));
            agent.awaitLog("forwarding server 'aggregator' refused the handshake, nothing was sent to it: "
                    + "authentication failed: shared_key mismatch", Duration.ofSeconds(30));
            aggregator.awaitLog("shared_key mismatch", Duration.ofSeconds(60));
            // The agent keeps its events and keeps trying; let it try again before looking at the aggregator.
            agent.awaitLogCount("refused the handshake", 2, Duration.ofSeconds(30));
            // A graceful stop flushes the aggregator's memory buffer and prints what its input received.
            assertEquals(0, aggregator.stop(Duration.ofSeconds(30)));
            assertTrue(aggregator.stderr().contains("type=\"forward\" emit_records=0 "), aggregator.stderr());
            assertEquals(1000, OutputFiles.missing(OutputFiles.seqCounts(tier.out(), 1000)), "no event reached the aggregator");
            System.out.println("wrong key, agent: " + firstLine(agent, "refused"));
            System.out.println("wrong key, aggregator: " + firstLine(aggregator, "mismatch"));
        }
    }

    private static String firstLine(AgentProcess p, String fragment) {
        return p.stderrLines().stream().filter(l -> l.contains(fragment)).findFirst().orElse("");
    }
}
