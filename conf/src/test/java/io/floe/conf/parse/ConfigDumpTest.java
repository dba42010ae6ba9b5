package io.floe.conf.parse;

import static io.floe.conf.parse.ConfigTrees.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.conf.ConfigDump;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Fluentd's "using configuration file:" dump: layout, quoting as written, secret masking, round trips. */
class ConfigDumpTest {

    private static ConfigElement conf(String text) {
        return FluentConfParser.parse(text, "d.conf", null, new Diagnostics(), name -> null);
    }

    @Test
    void seedConfigDumpsLikeFluentdAndMasksThePassword() throws Exception {
        Path seed = FluentConfParserTest.seed("seed-es-copy-stdout.conf");
        ConfigElement root = FluentConfParser.parse(seed, new Diagnostics());
        String masked = ConfigDump.dump(root, true);
        assertEquals("""
                <ROOT>
                  <source>
                    @type forward
                    port 24224
                    bind 0.0.0.0
                  </source>
                  <match *.**>
                    @type copy
                    <store>
                      @type elasticsearch
                      host elasticsearch
                      port 9200
                      user elastic
                      password xxxxxx
                      logstash_format true
                      logstash_prefix fluentd
                      logstash_dateformat %Y%m%d
                      include_tag_key true
                      type_name container_log
                      tag_key @log_name
                      reconnect_on_error true
                      reload_on_failure true
                      reload_connections false
                      flush_interval 1s
                    </store>
                    <store>
                      @type stdout
                    </store>
                  </match>
                </ROOT>
                """, masked);
        String plain = ConfigDump.dump(root, false);
        assertEquals(masked.replace("password xxxxxx", "password 1234"), plain);
        assertEquals(plain, root.toString());
    }

    @Test
    void valuesKeepTheirQuoting() {
        ConfigElement root = conf("""
                <filter app.**>
                  bare a#b
                  single 'it\\'s #x'
                  double "tab\\there \\"q\\" back\\\\slash\\nnew"
                  literal_code "\\#{not code}"
                  json_hash { "a" : 1,
                     "b" : [1, 2] }  # comment
                  tag_mapped
                </filter>
                """);
        assertEquals("""
                <ROOT>
                  <filter app.**>
                    bare a#b
                    single 'it\\'s #x'
                    double "tab\\there \\"q\\" back\\\\slash\\nnew"
                    literal_code "\\#{not code}"
                    json_hash {"a":1,"b":[1,2]}
                    tag_mapped
                  </filter>
                </ROOT>
                """, ConfigDump.dump(root, false));
    }

    @Test
    void dumpParsesBackToTheSameTree() {
        ConfigElement root = conf("""
                top_level 1
                <source>
                  @type tail
                  path "/var/log/a.log,/var/log/b.log"
                  multi "line1
                line2"
                  odd "  leading and trailing  "
                  <parse>
                    @type regexp
                    expression /^(?<host>[^ ]*)#(?<rest>.*)$/
                  </parse>
                </source>
                <match **>
                  @type copy
                  <store>
                    @type null
                    keys ["a", # first
                          "b"]
                  </store>
                </match>
                """);
        String dumped = ConfigDump.dump(root, false);
        // As in Fluentd, the dump's <ROOT> reads back as a section named ROOT under the new root.
        ConfigElement again = FluentConfParser.parse(dumped, "dumped.conf", null, new Diagnostics(), name -> null)
                .children().get(0);
        assertEquals("/^(?<host>[^ ]*)#(?<rest>.*)$/",
                again.children().get(0).children().get(0).peek("expression").text());
        assertSameTree(root, again);
        assertEquals(dumped, ConfigDump.dump(again, false));
    }

    @Test
    void yamlValuesThatCannotBeBareAreDoubleQuoted() {
        ConfigElement root = YamlConfigParser.parse("""
                config:
                  - source:
                      $type: dummy
                      block: |
                        first
                        second
                      spaced: "  padded  "
                      hashy: "a #b"
                      quote_start: "'x"
                      empty: ""
                """, "y.yaml", null, new Diagnostics(), name -> null);
        String dumped = ConfigDump.dump(root, false);
        assertEquals("""
                <ROOT>
                  <source>
                    @type dummy
                    block "first\\nsecond\\n"
                    spaced "  padded  "
                    hashy "a #b"
                    quote_start "'x"
                    empty ""
                  </source>
                </ROOT>
                """, dumped);
        assertSameTree(root, conf(dumped).children().get(0));
    }

    @Test
    void customSecretPredicateAndBuiltInValues() {
        ConfigElement root = new ConfigElement("ROOT", "", Location.builtIn("test"));
        ConfigElement match = new ConfigElement("match", "**", Location.builtIn("test"));
        match.put("@type", new ConfigValue("s3", Location.builtIn("test"), ConfigValue.Quoting.NONE));
        match.put("aws_sec_key", new ConfigValue("AKIA-secret", Location.builtIn("test"), ConfigValue.Quoting.NONE));
        match.put("shared_key", new ConfigValue("k", Location.builtIn("test"), ConfigValue.Quoting.NONE));
        match.put("note", new ConfigValue("two\nlines", Location.builtIn("test"), ConfigValue.Quoting.NONE));
        root.add(match);
        assertEquals("""
                <ROOT>
                  <match **>
                    @type s3
                    aws_sec_key xxxxxx
                    shared_key k
                    note "two\\nlines"
                  </match>
                </ROOT>
                """, ConfigDump.dump(root, key -> key.equals("aws_sec_key")));
        assertEquals(7, ConfigDump.DEFAULT_SECRET_KEYS.size());
        assertEquals(true, ConfigDump.dump(root, true).contains("shared_key xxxxxx"));
    }
}
