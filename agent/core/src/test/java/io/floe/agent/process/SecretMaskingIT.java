package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets in a configuration ({@code shared_key}, {@code password}, {@code api_key} and a plugin's own
 * {@code @Param(secret = true)}, out_forward's {@code tls_client_private_key_passphrase}, which is none
 * of Fluentd's well-known names) never appear where the configuration is shown: the config dump of a
 * starting agent and of {@code --dry-run}, monitor_agent's {@code include_config} answers and events,
 * and configuration error messages.
 */
class SecretMaskingIT {
    private static final List<String> SECRETS = List.of("S3cretSharedIn", "S3cretUserPass", "S3cretPassphrase",
            "S3cretSharedOut", "S3cretServerPass", "S3cretEsPass", "S3cretApiKey");

    @RegisterExtension
    final Agents agents = new Agents();

    private String config(int forwardPort, int monitorPort) throws java.io.IOException {
        return """
                <source>
                  @type forward
                  @id in_fw
                  port %d
                  bind 127.0.0.1
                  <security>
                    self_hostname agg
                    shared_key S3cretSharedIn
                    user_auth true
                    <user>
                      username alice
                      password S3cretUserPass
                    </user>
                  </security>
                </source>
                <source>
                  @type monitor_agent
                  @id monitor
                  bind 127.0.0.1
                  port %d
                  tag monitor.metrics
                  emit_interval 1s
                  emit_config true
                </source>
                <match monitor.**>
                  @type file
                  @id out_monitor
                  path %s/monitor/events
                  <buffer>
                    @type memory
                    flush_mode immediate
                  </buffer>
                </match>
                <match app.**>
                  @type forward
                  @id out_fw
                  tls_client_private_key_passphrase S3cretPassphrase
                  <security>
                    self_hostname edge
                    shared_key S3cretSharedOut
                  </security>
                  <server>
                    host 127.0.0.1
                    port %d
                    username bob
                    password S3cretServerPass
                  </server>
                </match>
                <match es.**>
                  @type elasticsearch
                  @id out_es
                  host 127.0.0.1
                  port %d
                  user elastic
                  password S3cretEsPass
                  api_key S3cretApiKey
                  verify_es_version_at_startup false
                </match>
                """.formatted(forwardPort, monitorPort, agents.dir(), agents.freePort(), agents.freePort());
    }

    private static void assertNoSecret(String where, String text) {
        for (String s : SECRETS) {
            assertFalse(text.contains(s), where + " shows " + s + ":\n" + text);
        }
    }

    @Test
    void theStartupDumpAndMonitorAgentMaskEverySecret() throws Exception {
        int monitorPort = agents.freePort();
        Path conf = agents.path("secrets.conf");
        Files.writeString(conf, config(agents.freePort(), monitorPort));
        AgentProcess agent = agents.start("-v", "-c", conf.toString());
        agent.awaitLog("is now running", Duration.ofSeconds(60));
        String log = agent.stderr();
        assertTrue(log.contains("[debug]:   <match app.**>"), "the dump is in the log\n" + log);
        assertTrue(log.contains("[debug]:     tls_client_private_key_passphrase xxxxxx"), log);
        assertTrue(log.contains("[debug]:       password xxxxxx"), log);
        assertTrue(log.contains("[debug]:     api_key xxxxxx"), log);

        MonitorHttp http = new MonitorHttp(monitorPort);
        for (String path : List.of("/api/plugins.json", "/api/plugins.json?debug=1", "/api/plugins", "/api/config.json",
                "/api/config", "/metrics", "/")) {
            HttpResponse<String> r = http.get(path);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertNoSecret(path, r.body());
        }
        String plugins = http.get("/api/plugins.json").body();
        assertTrue(plugins.contains("\"tls_client_private_key_passphrase\":\"xxxxxx\""), plugins);
        assertTrue(plugins.contains("\"api_key\":\"xxxxxx\""), plugins);

        // emit_config: the events carry the masked config too.
        Path events = agents.path("monitor");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> OutputFiles.text(events).contains("tls_client_private_key_passphrase"));
        assertNoSecret("the monitor events", OutputFiles.text(events));
        assertNoSecret("the agent's log", agent.stderr());
        agent.stop(Duration.ofSeconds(60));
        assertNoSecret("the agent's log", agent.stderr() + String.join("\n", agent.stdoutLines()));
    }

    @Test
    void dryRunShowsTheDumpMasked() throws Exception {
        Path conf = agents.path("secrets.conf");
        Files.writeString(conf, config(agents.freePort(), agents.freePort()));
        AgentProcess agent = agents.start("--dry-run", "-v", "-c", conf.toString());
        assertEquals(0, agent.waitForExit(Duration.ofSeconds(60)), agent.stderr());
        String out = agent.stderr() + String.join("\n", agent.stdoutLines());
        assertTrue(out.contains("shared_key xxxxxx") && out.contains("tls_client_private_key_passphrase xxxxxx"), out);
        assertNoSecret("--dry-run", out);
    }

    @Test
    void configErrorsDoNotQuoteSecrets() throws Exception {
        Path conf = agents.path("broken.conf");
        // A value the parser cannot end (the rest of a secret's line) and a section that does not bind.
        Files.writeString(conf, config(agents.freePort(), agents.freePort())
                .replace("shared_key S3cretSharedIn", "shared_key \"S3cretSharedIn\" S3cretUserPass"));
        try (AgentProcess agent = agents.start("--dry-run", "-c", conf.toString())) {
            assertEquals(1, agent.waitForExit(Duration.ofSeconds(60)), agent.stderr());
            assertTrue(agent.stderr().contains("config error"), agent.stderr());
            assertNoSecret("a config error", agent.stderr());
        }
        Files.writeString(conf, config(agents.freePort(), agents.freePort())
                .replace("    username bob", "    weight heavy\n    username bob"));
        try (AgentProcess agent = agents.start("-c", conf.toString())) {
            assertEquals(1, agent.waitForExit(Duration.ofSeconds(60)), agent.stderr());
            assertTrue(agent.stderr().contains("config error"), agent.stderr());
            assertNoSecret("a config error", agent.stderr());
        }
    }
}
