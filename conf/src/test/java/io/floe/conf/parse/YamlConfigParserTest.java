package io.floe.conf.parse;

import static io.floe.conf.parse.ConfigTrees.assertParam;
import static io.floe.conf.parse.ConfigTrees.assertSameTree;
import static io.floe.conf.parse.ConfigTrees.assertSection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigValue;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fluentd's YAML format: the documentation's examples give the same tree as their fluent.conf form. */
class YamlConfigParserTest {
    private static final Map<String, String> ENV = Map.of("ES_HOST", "es.internal");

    @TempDir
    Path dir;

    private static ConfigElement yaml(String text) {
        return YamlConfigParser.parse(text, "fluent.yaml", null, new Diagnostics(), ENV::get);
    }

    private static ConfigElement conf(String text) {
        return FluentConfParser.parse(text, "fluent.conf", null, new Diagnostics(), ENV::get);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void docsExampleSourceForwardAndMatchWithBufferArg() {
        ConfigElement fromYaml = yaml("""
                config:
                  - source:
                      $type: forward
                      port: 24224
                  - match:
                      $tag: myapp.access
                      $type: file
                      path: /var/log/fluent/access
                      buffer:
                        $arg: tag, time
                        timekey: 1h
                        timekey_wait: 10m
                """);
        ConfigElement fromConf = conf("""
                <source>
                  @type forward
                  port 24224
                </source>
                <match myapp.access>
                  @type file
                  path /var/log/fluent/access
                  <buffer tag, time>
                    timekey 1h
                    timekey_wait 10m
                  </buffer>
                </match>
                """);
        assertSameTree(fromConf, fromYaml);
        ConfigElement match = fromYaml.children().get(1);
        assertSection(match, "match", "myapp.access", 5);
        assertParam(match, "path", "/var/log/fluent/access", 8);
        assertSection(match.children().get(0), "buffer", "tag, time", 9);
        assertParam(match.children().get(0), "timekey", "1h", 11);
        assertEquals("fluent.yaml", match.location().file());
    }

    @Test
    void docsExampleSystemLabelsAndStores() {
        ConfigElement fromYaml = yaml("""
                system:
                  log_level: info
                  workers: 2
                config:
                  - source:
                      $type: forward
                      $id: in_forward
                  - source:
                      $type: tail
                      $label: "@SYSTEM"
                      tag: var.log
                      path: /var/log/syslog
                      parse:
                        $type: none
                  - filter:
                      $tag: app.**
                      $type: record_transformer
                      record:
                        host_param: !fluent/s "#{ENV['ES_HOST']}"
                        fixed: "a value"
                  - match:
                      $tag: [app.**, web.*]
                      $type: copy
                      store:
                        - $type: elasticsearch
                          host: !fluent/s "#{ENV.fetch('ES_HOST', 'localhost')}"
                          port: 9200
                          logstash_format: true
                          buffer:
                            $arg: tag
                            flush_interval: 1s
                        - $type: stdout
                  - label:
                      $name: "@SYSTEM"
                      config:
                        - filter:
                            $tag: var.log.middleware.**
                            $type: grep
                            regexp:
                              key: message
                              pattern: /error/
                        - match:
                            $tag: '**'
                            $type: s3
                            $log_level: warn
                  - worker:
                      $arg: 0-1
                      config:
                        - source:
                            $type: sample
                """);
        ConfigElement fromConf = conf("""
                <system>
                  log_level info
                  workers 2
                </system>
                <source>
                  @type forward
                  @id in_forward
                </source>
                <source>
                  @type tail
                  @label @SYSTEM
                  tag var.log
                  path /var/log/syslog
                  <parse>
                    @type none
                  </parse>
                </source>
                <filter app.**>
                  @type record_transformer
                  <record>
                    host_param "#{ENV['ES_HOST']}"
                    fixed "a value"
                  </record>
                </filter>
                <match app.**,web.*>
                  @type copy
                  <store>
                    @type elasticsearch
                    host "#{ENV.fetch('ES_HOST', 'localhost')}"
                    port 9200
                    logstash_format true
                    <buffer tag>
                      flush_interval 1s
                    </buffer>
                  </store>
                  <store>
                    @type stdout
                  </store>
                </match>
                <label @SYSTEM>
                  <filter var.log.middleware.**>
                    @type grep
                    <regexp>
                      key message
                      pattern /error/
                    </regexp>
                  </filter>
                  <match **>
                    @type s3
                    @log_level warn
                  </match>
                </label>
                <worker 0-1>
                  <source>
                    @type sample
                  </source>
                </worker>
                """);
        assertSameTree(fromConf, fromYaml);
        assertEquals("es.internal", fromYaml.children("filter").get(0).children().get(0).peek("host_param").text());
        List<ConfigElement> stores = fromYaml.children("match").get(0).children("store");
        assertSection(stores.get(0), "store", "", 25);
        assertSection(stores.get(1), "store", "", 32);
        assertParam(stores.get(0), "port", "9200", 27);
    }

    @Test
    void reservedKeysComeFirstInFluentdOrder() {
        ConfigElement source = yaml("config:\n  - source:\n      port: 1\n      $log_level: debug\n      $id: x\n      $type: t\n")
                .children().get(0);
        assertEquals(List.of("@type", "@id", "@log_level", "port"), List.copyOf(source.params().keySet()));
    }

    @Test
    void scalarsKeepTheirYamlTextAndListsBecomeJson() {
        ConfigElement source = yaml("""
                config:
                  - source:
                      $type: dummy
                      mode: 0644
                      ratio: 3.40
                      flag: true
                      nothing:
                      quoted: 'it''s'
                      multi: |
                        line1
                        line2
                      codes: [502, 503]
                      mixed: [a, 1, 1.5, true, null, {k: v}]
                      json_hash: !fluent/json {"k": "v", "k1": 10}
                      json_list: !fluent/json [1, "two"]
                """).children().get(0);
        assertParam(source, "mode", "0644", 4);
        assertParam(source, "ratio", "3.40", 5);
        assertParam(source, "flag", "true", 6);
        assertParam(source, "nothing", "", 7);
        assertParam(source, "quoted", "it's", 8);
        assertEquals(ConfigValue.Quoting.SINGLE, source.peek("quoted").quoting());
        assertParam(source, "multi", "line1\nline2\n", 9);
        assertParam(source, "codes", "[502,503]", 12);
        assertEquals(ConfigValue.Quoting.JSON, source.peek("codes").quoting());
        assertParam(source, "mixed", "[\"a\",1,1.5,true,null,{\"k\":\"v\"}]", 13);
        assertParam(source, "json_hash", "{\"k\":\"v\",\"k1\":10}", 14);
        assertParam(source, "json_list", "[1,\"two\"]", 15);
    }

    @Test
    void mergeKeysShareCommonParameters() {
        ConfigElement root = yaml("""
                common: &common
                  common_param1: foobarbaz
                  common_param2: 12345
                config:
                  - match:
                      $tag: a
                      $type: t
                      <<: *common
                  - match:
                      $tag: b
                      $type: t
                      <<: *common
                      common_param1: override
                """);
        assertEquals(2, root.children().size());
        assertEquals("foobarbaz", root.children().get(0).peek("common_param1").text());
        assertEquals("override", root.children().get(1).peek("common_param1").text());
        assertEquals("12345", root.children().get(1).peek("common_param2").text());
    }

    @Test
    void includesListsMapsSystemAndMergesWithLocationsInTheIncludedFile() throws IOException {
        write("conf.d/10_sources.yaml", "# sources\n- source:\n    $type: forward\n    port: 24224\n");
        write("conf.d/20_both.yaml", "source:\n  $type: sample\n  tag: t1\nmatch:\n  $tag: \"**\"\n  $type: stdout\n");
        write("sys.yaml", "log_level: debug\n");
        write("common.yaml", "flush_interval: 5s\n");
        Path main = write("fluent.yaml", """
                system: !include sys.yaml
                config:
                  - !include conf.d/*.yaml
                  - match:
                      $tag: x
                      $type: file
                      <<: !include common.yaml
                  - !include nothing/*.yaml
                """);
        ConfigElement root = YamlConfigParser.parse(main, new Diagnostics(), ENV::get);
        assertEquals(List.of("system", "source", "source", "match", "match"),
                root.children().stream().map(ConfigElement::name).toList());
        assertEquals("debug", root.children().get(0).peek("log_level").text());
        ConfigElement forward = root.children().get(1);
        String sources = dir.resolve("conf.d/10_sources.yaml").toString();
        assertEquals(new Location(sources, 2), forward.location());
        assertEquals(new Location(sources, 4), forward.peek("port").location());
        assertEquals("sample", root.children().get(2).peek("@type").text());
        assertEquals("**", root.children().get(3).arg());
        ConfigElement file = root.children().get(4);
        assertEquals(new Location(main.toString(), 4), file.location());
        assertEquals(new Location(dir.resolve("common.yaml").toString(), 1), file.peek("flush_interval").location());
    }

    @Test
    void sectionValuedIncludeInsideAMatch() throws IOException {
        write("parts/buffer.yaml", "$arg: tag\nflush_interval: 1s\n");
        ConfigElement match = YamlConfigParser.parse("config:\n  - match:\n      $tag: '**'\n      buffer: !include parts/buffer.yaml\n",
                "main.yaml", dir, new Diagnostics(), ENV::get).children().get(0);
        // the section is where it is written; its parameters are where they are written
        assertSection(match.children().get(0), "buffer", "tag", 4);
        assertEquals("main.yaml", match.children().get(0).location().file());
        assertParam(match.children().get(0), "flush_interval", "1s", 2);
        assertEquals(dir.resolve("parts/buffer.yaml").toString(),
                match.children().get(0).peek("flush_interval").location().file());
    }

    @Test
    void fluentStringEscapesAndEnvFetchError() {
        ConfigElement s = yaml("config:\n  - source:\n      a: !fluent/s \"x\\\\ty\"\n      b: !fluent/s 'tab\\there #{ENV[\"NOPE\"]}!'\n")
                .children().get(0);
        assertEquals("x\ty", s.peek("a").text());
        assertEquals("tab\there !", s.peek("b").text());
        ConfigException e = assertThrows(ConfigException.class,
                () -> yaml("config:\n  - source:\n\n      a: !fluent/s \"#{ENV.fetch('NOPE')}\"\n"));
        assertEquals(new Location("fluent.yaml", 4), e.location());
        assertTrue(e.detail().contains("'NOPE' is not set"), e.detail());
    }

    @Test
    void warningsForIgnoredAndRepeatedKeys() {
        Diagnostics diag = new Diagnostics();
        YamlConfigParser.parse("config:\n  - label:\n      $name: '@A'\n      extra: 1\n      config: []\n  - source:\n      k: 1\n      k: 2\n",
                "w.yaml", null, diag, ENV::get);
        assertEquals(2, diag.warnings().size());
        assertEquals(new Location("w.yaml", 4), diag.warnings().get(0).location());
        assertEquals(new Location("w.yaml", 8), diag.warnings().get(1).location());
    }

    @Test
    void emptyDocumentIsAnEmptyRoot() {
        ConfigElement root = yaml("# nothing yet\n");
        assertEquals("ROOT", root.name());
        assertTrue(root.children().isEmpty());
        assertTrue(yaml("config:\n").children().isEmpty());
    }

    @Test
    void selfReferencingAliasIsRefusedNotLooped() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> yaml("config:\n  - source:\n      $type: x\n      nested: &a\n        again: *a\n"));
        assertTrue(e.detail().contains("nested too deeply"), e.detail());
    }
}
