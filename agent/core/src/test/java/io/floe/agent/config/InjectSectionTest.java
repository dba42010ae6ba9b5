package io.floe.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.pipeline.Pipeline;
import io.floe.agent.pipeline.PluginUnit;
import io.floe.agent.testplugins.CaptureOutput;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.conf.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine applies {@code <inject>} to every output, its own or a store's or a secondary's, and to nothing else. */
class InjectSectionTest {
    static final long T = 1_700_000_000L;

    @TempDir
    Path dir;
    @RegisterExtension
    final ConfigPipeline running = new ConfigPipeline("inject.conf");
    private Pipeline pipeline;

    private void run(String conf) throws Exception {
        pipeline = running.run(conf, dir);
    }

    private List<Map<String, Object>> captured(String id) {
        PluginUnit u = pipeline.plugins().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        return ((CaptureOutput) u.plugin()).events.stream().map(c -> c.event().record()).toList();
    }

    private void emit(String tag, Map<String, Object> record) throws Exception {
        pipeline.labels().get("").deliver(tag, new EventStreamWriter().add(new EventTime(T, 250_000_000), record).build());
    }

    private static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<String> warnings() {
        return running.diagnostics().warnings().stream().map(Diagnostics.Warning::toString).toList();
    }

    @Test
    void aMatchAndACopyStoreInjectTheirOwnFieldsAndWarnOfNothing() throws Exception {
        run("""
                <match app.**>
                  @type copy
                  <store>
                    @type capture
                    @id plain
                  </store>
                  <store>
                    @type capture
                    @id injected
                    <inject>
                      tag_key tag
                      time_key time
                      worker_id_key worker
                    </inject>
                  </store>
                </match>
                """);
        emit("app.web", rec("msg", "x"));
        assertEquals(List.of(rec("msg", "x")), captured("plain"));
        assertEquals(List.of(rec("msg", "x", "worker", 0L, "tag", "app.web", "time", T + 0.25)), captured("injected"));
        assertEquals(List.of(), warnings());
    }

    @Test
    void aRetriedChunkCarriesEachFieldOnce() throws Exception {
        run("""
                <match app.**>
                  @type capture
                  @id out
                  fail_times 1
                  <inject>
                    tag_key tag
                  </inject>
                  <buffer>
                    @type memory
                    flush_mode immediate
                    retry_wait 0.1s
                  </buffer>
                </match>
                """);
        emit("app.web", rec("msg", "x"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !captured("out").isEmpty());
        assertEquals(List.of(rec("msg", "x", "tag", "app.web")), captured("out"));
    }

    @Test
    void anInjectWhereFluentdIgnoresItIsStillReportedAsNotUsed() throws Exception {
        run("""
                <source>
                  @type sample
                  tag t
                  <inject>
                    tag_key tag
                  </inject>
                </source>
                <match t>
                  @type capture
                  <inject>
                    time_format %s
                    tag_kye tag
                  </inject>
                </match>
                """);
        assertEquals(Set.of("inject.conf:4: section <inject> in <source> is not used.",
                "inject.conf:10: 'time_format' specified without 'time_key', will be ignored",
                "inject.conf:12: parameter 'tag_kye' in <inject> is not used."), Set.copyOf(warnings()));
    }

    @Test
    void outFilesV012FlatParametersBecomeAnInject() throws Exception {
        Path out = dir.resolve("out");
        run("""
                <match app.**>
                  @type file
                  @id app_file
                  path %s
                  format json
                  include_time_key true
                  include_tag_key true
                  tag_key @tag
                  time_format %%Y%%m%%d %%H:%%M:%%S
                  utc true
                  <buffer>
                    flush_mode immediate
                  </buffer>
                </match>
                <match other.**>
                  @type capture
                  include_tag_key true
                </match>
                """.formatted(out.resolve("app")));
        emit("app.web", rec("msg", "x"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(out) && lines(out).size() == 1);
        assertEquals(List.of("{\"msg\":\"x\",\"@tag\":\"app.web\",\"time\":\"20231114 22:13:20\"}"), lines(out));
        assertEquals(List.of("inject.conf:17: parameter 'include_tag_key' in <match other.**> is not used."), warnings(),
                "only out_file and out_stdout convert them, as in Fluentd");
    }

    @Test
    void flatLocaltimeAndUtcTogetherAreRefused() {
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> run("""
                <match **>
                  @type stdout
                  include_time_key true
                  localtime true
                  utc true
                </match>
                """));
        assertTrue(e.getMessage().contains("inject.conf:5: both of utc and localtime are specified"), e.getMessage());
    }

    private static List<String> lines(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            List<String> out = new java.util.ArrayList<>();
            for (Path f : files.sorted().toList()) {
                out.addAll(Files.readAllLines(f));
            }
            return out;
        }
    }

    @Test
    void twoInjectSectionsAreRefused() {
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> run("""
                <match **>
                  @type capture
                  <inject>
                    tag_key a
                  </inject>
                  <inject>
                    tag_key b
                  </inject>
                </match>
                """));
        assertTrue(e.getMessage().contains("inject.conf:6: only one <inject> section is allowed"), e.getMessage());
    }
}
