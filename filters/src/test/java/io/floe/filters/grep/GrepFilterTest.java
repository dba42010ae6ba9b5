package io.floe.filters.grep;

import static io.floe.filters.FilterTestSupport.bind;
import static io.floe.filters.FilterTestSupport.event;
import static io.floe.filters.FilterTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.filters.FilterTestSupport.Ctx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrepFilterTest {
    private final Ctx ctx = new Ctx();

    private GrepFilter grep(String... lines) {
        return new GrepFilter(bind(GrepFilter.Config.class, lines), ctx);
    }

    private static boolean keeps(GrepFilter f, Map<String, Object> record) {
        return f.filter("foo.bar", event(record));
    }

    @Test
    void fluentdDocumentationExample() {
        GrepFilter f = grep("@type grep",
                "<regexp>", "key message", "pattern /cool/", "</regexp>",
                "<regexp>", "key hostname", "pattern /^web\\d+\\.example\\.com$/", "</regexp>",
                "<exclude>", "key message", "pattern /uncool/", "</exclude>");
        assertTrue(keeps(f, rec("message", "It's cool outside today", "hostname", "web001.example.com")));
        assertFalse(keeps(f, rec("message", "That's not cool", "hostname", "web1337.example.org")));
        assertFalse(keeps(f, rec("message", "I am cool but you are uncool", "hostname", "db001.example.com")));
        assertFalse(keeps(f, rec("hostname", "web001.example.com")));
        assertFalse(keeps(f, rec("message", "It's cool outside today")));
        assertTrue(ctx.log.formatted().contains("INFO Top level multiple <regexp> is interpreted as 'and' condition"));
    }

    @Test
    void andBlockDropsOnlyWhenEveryExcludeMatches() {
        GrepFilter f = grep("<and>", "<exclude>", "key level", "pattern /^debug$/", "</exclude>",
                "<exclude>", "key app", "pattern noisy", "</exclude>", "</and>");
        assertFalse(keeps(f, rec("level", "debug", "app", "noisy-worker")));
        assertTrue(keeps(f, rec("level", "debug", "app", "api")));
        assertTrue(keeps(f, rec("level", "info", "app", "noisy-worker")));
    }

    @Test
    void orBlockKeepsWhenOneRegexpMatches() {
        GrepFilter f = grep("<or>", "<regexp>", "key level", "pattern /^(error|warn)$/i", "</regexp>",
                "<regexp>", "key status", "pattern /^5\\d\\d$/", "</regexp>", "</or>");
        assertTrue(keeps(f, rec("level", "ERROR", "status", 200L)));
        assertTrue(keeps(f, rec("level", "info", "status", 503L)));
        assertFalse(keeps(f, rec("level", "info", "status", 200L)));
    }

    @Test
    void topLevelExcludesAreAnOr() {
        GrepFilter f = grep("<exclude>", "key a", "pattern x", "</exclude>", "<exclude>", "key b", "pattern y", "</exclude>");
        assertFalse(keeps(f, rec("a", "x")));
        assertFalse(keeps(f, rec("b", "y")));
        assertTrue(keeps(f, rec("a", "1", "b", "2")));
    }

    @Test
    void recordAccessorKeysAndRubyToSOfNonStrings() {
        GrepFilter f = grep("<regexp>", "key $.kubernetes.labels.app", "pattern ^web$", "</regexp>",
                "<exclude>", "key $['meta']['tags']", "pattern /\"skip\"/", "</exclude>");
        assertTrue(keeps(f, rec("kubernetes", Map.of("labels", Map.of("app", "web")), "meta", Map.of("tags", List.of("a")))));
        assertFalse(keeps(f, rec("kubernetes", Map.of("labels", Map.of("app", "web")), "meta", Map.of("tags", List.of("skip")))));
        assertFalse(keeps(f, rec("kubernetes", Map.of("labels", Map.of("app", "db")))));
        assertFalse(keeps(f, rec("kubernetes", "not a map")));
        GrepFilter nested = grep("<regexp>", "key data", "pattern /\\{\"k\"=>1\\}/", "</regexp>");
        assertTrue(keeps(nested, rec("data", Map.of("k", 1L))));
        GrepFilter missing = grep("<regexp>", "key absent", "pattern /^$/", "</regexp>");
        assertTrue(keeps(missing, rec("x", 1L)), "a missing field is the empty string");
    }

    @Test
    void legacyFlatParameters() {
        GrepFilter f = grep("regexp1 message cool", "exclude1 message uncool", "regexp2 host ^web");
        assertTrue(keeps(f, rec("message", "so cool", "host", "web1")));
        assertFalse(keeps(f, rec("message", "uncool", "host", "web1")));
        assertFalse(keeps(f, rec("message", "cool", "host", "db1")));
    }

    @Test
    void configErrors() {
        assertEquals("regexp1 does not contain 2 parameters",
                assertThrows(IllegalArgumentException.class, () -> grep("regexp1 message")).getMessage());
        assertEquals("regexp2 contains a duplicated key, a",
                assertThrows(IllegalArgumentException.class, () -> grep("regexp1 a x", "regexp2 a y")).getMessage());
        assertEquals("Duplicate key: a", assertThrows(IllegalArgumentException.class,
                () -> grep("regexp1 a x", "<regexp>", "key a", "pattern y", "</regexp>")).getMessage());
        assertEquals("Do not specify both <regexp> and <exclude> in <or>", assertThrows(IllegalArgumentException.class,
                () -> grep("<or>", "<regexp>", "key a", "pattern y", "</regexp>", "<exclude>", "key b", "pattern y", "</exclude>", "</or>"))
                .getMessage());
        assertEquals("Duplicate key in <and>: a", assertThrows(IllegalArgumentException.class,
                () -> grep("<and>", "<regexp>", "key a", "pattern y", "</regexp>", "<regexp>", "key a", "pattern z", "</regexp>", "</and>"))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> grep("<regexp>", "key a", "pattern /(/", "</regexp>"))
                .getMessage().startsWith("invalid regexp"));
    }

    @Test
    void noConditionsKeepsEverything() {
        assertTrue(keeps(grep("@type grep"), rec("a", 1L)));
    }
}
