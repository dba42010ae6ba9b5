package io.floe.inputs.forward;

import static io.floe.inputs.forward.ForwardConfigs.config;
import static io.floe.inputs.forward.ForwardConfigs.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.binder.Binder;
import io.floe.api.Plugin;
import io.floe.api.config.Param;
import io.floe.conf.ConfigElement;
import io.floe.conf.Location;
import io.floe.inputs.InputPlugins;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardInputConfigTest {
    @Test
    void hasFluentdsDefaults() {
        ForwardInput.Config c = config();
        assertEquals(24224, c.port());
        assertEquals("0.0.0.0", c.bind());
        assertEquals(0, c.lingerTimeout());
        assertNull(c.chunkSizeLimit());
        assertNull(c.chunkSizeWarnLimit());
        assertFalse(c.skipInvalidEvent());
        assertFalse(c.denyKeepalive());
        assertFalse(c.sendKeepalivePacket());
        assertFalse(c.resolveHostname());
        assertNull(c.sourceAddressKey());
        assertNull(c.sourceHostnameKey());
        assertNull(c.addTagPrefix());
        assertFalse(c.joinPartialMessages());
        assertEquals(List.of(), c.security());
        assertEquals("", c.transport().protocol());
        assertEquals("TLSv1_2", c.transport().version());
        assertEquals("ALL:!aNULL:!eNULL:!SSLv2", c.transport().ciphers());
        assertEquals(Duration.ofSeconds(5), c.partialFlushInterval());
    }

    @Test
    void bindsAFullFluentdSource() {
        ForwardInput.Config c = config(
                "port 25224", "bind 127.0.0.1", "chunk_size_limit 8m", "chunk_size_warn_limit 4m", "skip_invalid_event true",
                "source_address_key client_ip", "add_tag_prefix fwd", "deny_keepalive true",
                "<security>", "  self_hostname server", "  shared_key secret123", "  user_auth true",
                "  allow_anonymous_source false",
                "  <user>", "    username alice", "    password wonderland", "  </user>",
                "  <client>", "    network 10.0.0.0/8", "    shared_key netkey", "    users alice,bob", "  </client>",
                "</security>",
                "<transport tls>", "  cert_path /etc/certs/server.pem", "  private_key_path /etc/certs/server.key",
                "  min_version TLSv1_2", "  max_version TLSv1_3", "</transport>");
        assertEquals(25224, c.port());
        assertEquals(8L << 20, c.chunkSizeLimit().bytes());
        ForwardSecurityConfig s = c.security().get(0);
        assertEquals("server", s.selfHostname());
        assertEquals(List.of(new ForwardSecurityConfig.User("alice", "wonderland")), s.users());
        assertEquals(List.of("alice", "bob"), s.clients().get(0).users());
        assertTrue(c.transport().tls());
        new ForwardInput(c, new TestPlugin()); // validates
    }

    @Test
    void securityNeedsItsHostnameAndKey() {
        List<String> e = errors("<security>", "</security>");
        assertEquals(2, e.size(), e.toString());
        assertTrue(e.get(0).contains("'self_hostname' parameter is required"), e.get(0));
        assertTrue(e.get(1).contains("'shared_key' parameter is required"), e.get(1));
    }

    @Test
    void refusesCombinationsFluentdRefuses() {
        assertRefused("<user> sections required if user_auth enabled",
                "<security>", "self_hostname s", "shared_key k", "user_auth true", "</security>");
        assertRefused("<client> sections required if allow_anonymous_source disabled",
                "<security>", "self_hostname s", "shared_key k", "allow_anonymous_source false", "</security>");
        assertRefused("both of 'host' and 'network' are specified for client",
                "<security>", "self_hostname s", "shared_key k", "<client>", "host a", "network 10.0.0.0/8", "</client>", "</security>");
        assertRefused("Either of 'host' and 'network' must be specified for client",
                "<security>", "self_hostname s", "shared_key k", "<client>", "shared_key x", "</client>", "</security>");
        assertRefused("address format is invalid",
                "<security>", "self_hostname s", "shared_key k", "<client>", "network nowhere", "</client>", "</security>");
        assertRefused("only one <security> section",
                "<security>", "self_hostname s", "shared_key k", "</security>", "<security>", "self_hostname s", "shared_key k", "</security>");
        assertRefused("both 'send_keepalive_packet' and 'deny_keepalive' cannot be set to true",
                "deny_keepalive true", "send_keepalive_packet true");
        assertRefused("needs cert_path and private_key_path", "<transport tls>", "</transport>");
        assertRefused("<transport udp> is not supported", "<transport udp>", "</transport>");
        assertRefused("port 70000 is outside", "port 70000");
        assertRefused("unknown TLS version", "<transport tls>", "cert_path c", "private_key_path k", "version SSLv3", "</transport>");
    }

    @Test
    void constructsWithoutTouchingTheNetwork() {
        // An unresolvable <client host> is only looked up at start, as the engine's dry run must not do I/O.
        ForwardInput in = new ForwardInput(config("port 1", "<security>", "self_hostname s", "shared_key k",
                "<client>", "host no-such-host.invalid", "</client>", "</security>"), new TestPlugin());
        assertEquals(-1, in.port());
        Exception e = assertThrows(java.net.UnknownHostException.class, in::start);
        assertTrue(e.getMessage().contains("host 'no-such-host.invalid' cannot be resolved"), e.getMessage());
    }

    @Test
    void isRegisteredAndDocumentsEveryParameter() {
        assertTrue(new InputPlugins().plugins().contains(ForwardInput.class));
        assertEquals("forward", ForwardInput.class.getAnnotation(Plugin.class).type());
        for (Class<?> r : List.of(ForwardInput.Config.class, ForwardSecurityConfig.class, ForwardSecurityConfig.User.class,
                ForwardSecurityConfig.Client.class, ForwardTransportConfig.class)) {
            for (RecordComponent c : r.getRecordComponents()) {
                Param p = c.getAnnotation(Param.class);
                assertTrue(p == null || !p.desc().isBlank(), r.getSimpleName() + "." + c.getName());
                assertTrue(p == null || Binder.paramName(c, p).matches("[a-z][a-z0-9_]*"), r.getSimpleName() + "." + c.getName());
            }
            // As the engine's docs test does: an empty section parses every default; only required ones complain.
            Binder b = new Binder();
            @SuppressWarnings("unchecked")
            Class<? extends Record> rec = (Class<? extends Record>) r;
            b.bind(rec, new ConfigElement("x", "", Location.builtIn("test")));
            b.errors().forEach(err -> assertTrue(err.getMessage().contains("is required"), err.getMessage()));
        }
        assertTrue(ForwardSecurityConfig.class.getRecordComponents()[1].getAnnotation(Param.class).secret(), "shared_key is secret");
    }

    private static void assertRefused(String message, String... lines) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ForwardInput(config(lines), new TestPlugin()));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
