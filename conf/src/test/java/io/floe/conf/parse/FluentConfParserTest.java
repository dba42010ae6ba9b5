package io.floe.conf.parse;

import static io.floe.conf.parse.ConfigTrees.assertParam;
import static io.floe.conf.parse.ConfigTrees.assertParams;
import static io.floe.conf.parse.ConfigTrees.assertSection;
import static io.floe.conf.parse.ConfigTrees.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.Diagnostics;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fluent.conf structure: the users' seed configs, sections, args, nesting, locations, reserved '@'. */
class FluentConfParserTest {

    static ConfigElement parse(String text) {
        return FluentConfParser.parse(text, "test.conf", null, new Diagnostics(), name -> null);
    }

    static Path seed(String name) throws URISyntaxException {
        return Path.of(FluentConfParserTest.class.getResource("/seed-configs/" + name).toURI());
    }

    /** Every seed starts with a {@code <source>} on line 1: it has exactly these parameters. */
    private static void assertSourceFirst(ConfigElement root, ConfigTrees.Param... params) {
        ConfigElement source = root.children().get(0);
        assertSection(source, "source", "", 1);
        assertParams(source, params);
    }

    @Test
    void seedEsCopyStdout() throws Exception {
        Diagnostics diag = new Diagnostics();
        ConfigElement root = FluentConfParser.parse(seed("seed-es-copy-stdout.conf"), diag);
        assertEquals("ROOT", root.name());
        assertEquals(2, root.children().size());
        assertTrue(root.params().isEmpty());

        assertSourceFirst(root, param("@type", "forward", 2), param("port", "24224", 3), param("bind", "0.0.0.0", 4));
        assertEquals(List.of("@type", "port", "bind"), List.copyOf(root.children().get(0).params().keySet()));

        ConfigElement match = root.children().get(1);
        assertSection(match, "match", "*.**", 6);
        assertParams(match, param("@type", "copy", 7));
        List<ConfigElement> stores = match.children("store");
        assertEquals(2, stores.size());
        assertEquals(2, match.children().size());

        ConfigElement es = stores.get(0);
        assertSection(es, "store", "", 8);
        assertParams(es,
            param("@type", "elasticsearch", 9), param("host", "elasticsearch", 10), param("port", "9200", 11),
            param("user", "elastic", 12), param("password", "1234", 13), param("logstash_format", "true", 14),
            param("logstash_prefix", "fluentd", 15), param("logstash_dateformat", "%Y%m%d", 16),
            param("include_tag_key", "true", 17), param("type_name", "container_log", 18), param("tag_key", "@log_name", 19),
            param("reconnect_on_error", "true", 20), param("reload_on_failure", "true", 21),
            param("reload_connections", "false", 22), param("flush_interval", "1s", 23));
        assertTrue(es.children().isEmpty());

        ConfigElement stdout = stores.get(1);
        assertSection(stdout, "store", "", 25);
        assertParams(stdout, param("@type", "stdout", 26));
        assertTrue(stdout.location().file().endsWith("seed-es-copy-stdout.conf"));
        assertTrue(diag.warnings().isEmpty());
    }

    @Test
    void seedLegacyEsCopyFile() throws Exception {
        ConfigElement root = FluentConfParser.parse(seed("legacy-es-copy-file.conf"), new Diagnostics());
        assertEquals(2, root.children().size());
        assertSourceFirst(root, param("@type", "forward", 2), param("port", "24224", 3), param("bind", "0.0.0.0", 4));

        ConfigElement match = root.children().get(1);
        assertSection(match, "match", "*.**", 7);
        assertParam(match, "@type", "copy", 8);
        ConfigElement es = match.children().get(0);
        assertSection(es, "store", "", 9);
        assertParams(es,
            param("type", "elasticsearch", 10), param("host", "elasticsearch", 11), param("port", "9200", 12),
            param("logstash_format", "true", 13), param("logstash_prefix", "docker", 14),
            param("logstash_dataformat", "%Y%m%d", 15), param("include_tag_key", "true", 16), param("type_name", "app", 17),
            param("tag_key", "@log_name", 18), param("flush_interval", "5s", 19));
        ConfigElement file = match.children().get(1);
        assertSection(file, "store", "", 21);
        assertParams(file, param("type", "file", 22), param("path", "/fluentd/log/docker_app", 23));
    }

    @Test
    void seedMonitorAgent() throws Exception {
        ConfigElement root = FluentConfParser.parse(seed("monitor-agent.conf"), new Diagnostics());
        assertEquals(1, root.children().size());
        assertSourceFirst(root, param("@type", "monitor_agent", 2), param("bind", "0.0.0.0", 3), param("port", "24220", 4));
    }

    @Test
    void sectionArgsAreTrimmedAndKeepSpaces() {
        ConfigElement root = parse("""
                <match docker.** app.*>
                </match>
                <label @NAME>
                  <match **>
                  </match>
                </label>
                <test    a    >
                </test>
                <test >
                </test>
                <match "quoted arg">  # comment after the tag
                </match>
                <match a#b>#comment right after '>'
                </match>   # comment after the end tag
                """);
        List<ConfigElement> c = root.children();
        assertSection(c.get(0), "match", "docker.** app.*", 1);
        assertSection(c.get(1), "label", "@NAME", 3);
        assertSection(c.get(1).children().get(0), "match", "**", 4);
        assertSection(c.get(2), "test", "a", 7);
        assertSection(c.get(3), "test", "", 9);
        assertSection(c.get(4), "match", "quoted arg", 11);
        assertSection(c.get(5), "match", "a#b", 13);
    }

    @Test
    void nestedSectionsToAnyDepth() {
        ConfigElement root = parse("""
                # a comment line
                <source>
                  @type forward
                  <transport tls>
                    cert_path /etc/cert.pem
                  </transport>
                  <security>
                    self_hostname host
                    shared_key secret
                    <user>
                      username alice
                    </user>
                    <client>
                      host 10.0.0.1
                    </client>
                  </security>
                </source>
                <filter app.**>
                  @type grep
                  <and>
                    <regexp>
                      key message
                      pattern /error/
                    </regexp>
                    <exclude>
                      key level
                      pattern /debug/
                    </exclude>
                  </and>
                  <or>
                  </or>
                </filter>
                <match app.**>
                  @type copy
                  <store>
                    @type forward
                    <server>
                      host a
                    </server>
                    <buffer tag, time>
                      timekey 1h
                    </buffer>
                    <secondary>
                      @type secondary_file
                    </secondary>
                  </store>
                </match>
                """);
        ConfigElement source = root.children().get(0);
        assertSection(source.children().get(0), "transport", "tls", 4);
        ConfigElement security = source.children().get(1);
        assertParam(security, "shared_key", "secret", 9);
        assertParam(security.children("user").get(0), "username", "alice", 11);
        assertParam(security.children("client").get(0), "host", "10.0.0.1", 14);
        ConfigElement and = root.children().get(1).children("and").get(0);
        assertParam(and.children("regexp").get(0), "pattern", "/error/", 23);
        assertParam(and.children("exclude").get(0), "pattern", "/debug/", 27);
        ConfigElement store = root.children().get(2).children("store").get(0);
        assertParam(store.children("server").get(0), "host", "a", 38);
        assertSection(store.children("buffer").get(0), "buffer", "tag, time", 40);
        assertParam(store.children("buffer").get(0), "timekey", "1h", 41);
        assertParam(store.children("secondary").get(0), "@type", "secondary_file", 44);
    }

    @Test
    void legacyIncludeIsAPlainParameterInsideSections() {
        ConfigElement match = parse("<match **>\n  include foo\n  key   #not_comment\n</match>\n").children().get(0);
        assertParam(match, "include", "foo", 2);
        assertParam(match, "key", "#not_comment", 3); // as in Fluentd: '#' right after the key is text
    }

    @Test
    void laterValueOfARepeatedKeyWins() {
        ConfigElement root = parse("k 1\nk 2\n");
        assertParam(root, "k", "2", 2);
    }

    @Test
    void emptyTextIsAnEmptyRoot() {
        ConfigElement root = parse("\n  # only a comment\n\n");
        assertEquals("ROOT", root.name());
        assertTrue(root.params().isEmpty() && root.children().isEmpty());
    }

    @Test
    void crlfLineEndingsAreAccepted() {
        ConfigElement root = parse("<source>\r\n  @type forward   \r\n  port 24224 # c\r\n</source>\r\n");
        assertParam(root.children().get(0), "@type", "forward", 2);
        assertParam(root.children().get(0), "port", "24224", 3);
    }

    @Test
    void atPrefixIsReservedInTopDirectivesButOnlyWarnedInNestedSections() {
        ConfigException top = assertThrows(ConfigException.class, () -> parse("<match **>\n  @k v\n</match>\n"));
        assertEquals(2, top.location().line());
        assertTrue(top.detail().contains("'@' is the system reserved prefix"), top.detail());

        Diagnostics diag = new Diagnostics();
        ConfigElement root = FluentConfParser.parse("<match **>\n  <record>\n    @k v\n  </record>\n</match>\n",
                "test.conf", null, diag, name -> null);
        assertParam(root.children().get(0).children().get(0), "@k", "v", 3);
        assertEquals(1, diag.warnings().size());
        assertEquals(3, diag.warnings().get(0).location().line());
    }

    @Test
    void reservedParametersAreAllowedEverywhere() {
        ConfigElement root = parse("""
                <source>
                  @type forward
                  @id in_forward
                  @label @MAIN
                  @log_level debug
                </source>
                """);
        ConfigElement s = root.children().get(0);
        assertParam(s, "@id", "in_forward", 3);
        assertParam(s, "@label", "@MAIN", 4);
        assertParam(s, "@log_level", "debug", 5);
    }
}
