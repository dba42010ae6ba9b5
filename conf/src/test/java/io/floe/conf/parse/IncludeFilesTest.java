package io.floe.conf.parse;

import static io.floe.conf.parse.ConfigTrees.assertParam;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @include} in fluent.conf: files, globs, relative paths, where included things say they are from. */
class IncludeFilesTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void includesFilesAndGlobsAtTheirPlace() throws IOException {
        Path abs = write("elsewhere/abs.conf", "k_abs absolute\n");
        Path main = write("main.conf", """
                k1 root_config
                include dir/config_2.conf  # legacy form
                @include conf.d/*.conf
                <match **>
                  @type copy
                  @include stores/*.conf
                </match>
                @include %s
                @include nothing-here/*.conf
                """.formatted(abs));
        write("dir/config_2.conf", "k2 relative_path_include\n@include ../config_3.conf\n");
        write("config_3.conf", "\n\nk3 relative_to_the_included_file\n");
        write("conf.d/10_source.conf", "<source>\n  @type forward\n</source>\n");
        write("conf.d/00_first.conf", "k0 sorted_first\n");
        write("conf.d/.hidden.conf", "hidden 1\n");
        write("conf.d/readme.txt", "not a conf file\n");
        write("stores/a.conf", "<store>\n  @type stdout\n</store>\n");
        write("stores/b.conf", "# b\n<store>\n  @type null\n</store>\n");

        Diagnostics diag = new Diagnostics();
        ConfigElement root = FluentConfParser.parse(main, diag);

        assertEquals(List.of("k1", "k2", "k3", "k0", "k_abs"), List.copyOf(root.params().keySet()));
        assertParam(root, "k1", "root_config", 1);
        assertParam(root, "k2", "relative_path_include", 1);
        assertEquals(dir.resolve("dir/config_2.conf").toString(), root.peek("k2").location().file());
        assertParam(root, "k3", "relative_to_the_included_file", 3);
        assertEquals(dir.resolve("config_3.conf").toString(), root.peek("k3").location().file());
        assertEquals(dir.resolve("conf.d/00_first.conf").toString(), root.peek("k0").location().file());
        assertEquals(abs.toString(), root.peek("k_abs").location().file());

        ConfigElement source = root.children().get(0);
        assertEquals("source", source.name());
        assertEquals(new Location(dir.resolve("conf.d/10_source.conf").toString(), 1), source.location());
        assertEquals(new Location(dir.resolve("conf.d/10_source.conf").toString(), 2), source.peek("@type").location());

        ConfigElement match = root.children().get(1);
        assertEquals(new Location(main.toString(), 4), match.location());
        List<ConfigElement> stores = match.children("store");
        assertEquals(2, stores.size());
        assertEquals("stdout", stores.get(0).peek("@type").text());
        assertEquals(new Location(dir.resolve("stores/b.conf").toString(), 2), stores.get(1).location());
        assertEquals(new Location(dir.resolve("stores/b.conf").toString(), 3), stores.get(1).peek("@type").location());

        assertEquals(1, diag.warnings().size());
        assertEquals(new Location(main.toString(), 2), diag.warnings().get(0).location());
        assertEquals("'include' is deprecated. Use '@include' instead", diag.warnings().get(0).message());
    }

    @Test
    void textParseResolvesIncludesAgainstBaseDir() throws IOException {
        write("sub/part.conf", "<source>\n  @type dummy\n</source>\n");
        ConfigElement root = FluentConfParser.parse("@include sub/part.conf\n", "inline.conf", dir, new Diagnostics());
        assertEquals("dummy", root.children().get(0).peek("@type").text());
        assertEquals(dir.resolve("sub/part.conf").toString(), root.children().get(0).location().file());
    }

    @Test
    void quotedIncludePathAndFileUri() throws IOException {
        Path part = write("with space/part.conf", "a 1\n");
        write("other.conf", "b 2\n");
        ConfigElement root = FluentConfParser.parse(
                "@include \"with space/part.conf\"\n@include file://" + dir.resolve("other.conf") + "\n",
                "inline.conf", dir, new Diagnostics());
        assertEquals("1", root.peek("a").text());
        assertEquals(part.toString(), root.peek("a").location().file());
        assertEquals("2", root.peek("b").text());
    }

    @Test
    void includeInsideAnIncludedNestedSectionResolvesFromThatFile() throws IOException {
        write("conf.d/out.conf", "<match **>\n  @include ../parts/buffer.conf\n</match>\n");
        write("parts/buffer.conf", "<buffer>\n  flush_interval 1s\n</buffer>\n");
        Path main = write("main.conf", "@include conf.d/*.conf\n");
        ConfigElement buffer = FluentConfParser.parse(main, new Diagnostics()).children().get(0).children().get(0);
        assertParam(buffer, "flush_interval", "1s", 2);
        assertEquals(dir.resolve("parts/buffer.conf").toString(), buffer.location().file());
    }

    @Test
    void includeCycleIsAnError() throws IOException {
        Path a = write("a.conf", "x 1\n@include b.conf\n");
        write("b.conf", "y 2\n\n@include a.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> FluentConfParser.parse(a, new Diagnostics()));
        assertEquals(new Location(dir.resolve("b.conf").toString(), 3), e.location());
        assertTrue(e.detail().startsWith("include cycle: a.conf -> b.conf -> a.conf"), e.detail());
    }

    @Test
    void selfIncludeThroughAGlobIsAnError() throws IOException {
        Path a = write("conf.d/a.conf", "@include *.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> FluentConfParser.parse(a, new Diagnostics()));
        assertEquals(new Location(a.toString(), 1), e.location());
        assertTrue(e.detail().contains("include cycle"), e.detail());
    }

    @Test
    void theSameFileMayBeIncludedTwiceSideBySide() throws IOException {
        write("buffer.conf", "flush_interval 1s\n");
        Path main = write("main.conf", "<match a>\n  @include buffer.conf\n</match>\n<match b>\n  @include buffer.conf\n</match>\n");
        ConfigElement root = FluentConfParser.parse(main, new Diagnostics());
        assertEquals("1s", root.children().get(1).peek("flush_interval").text());
    }

    @Test
    void globExpansionIsSortedAndSkipsDirectoriesAndDotFiles() throws IOException {
        write("g/b.conf", "");
        write("g/a.conf", "");
        write("g/.x.conf", "");
        Files.createDirectories(dir.resolve("g/dir.conf"));
        List<Path> files = IncludeFiles.resolve("g/*.conf", dir, new Location("t", 1));
        assertEquals(List.of(dir.resolve("g/a.conf"), dir.resolve("g/b.conf")), files);
        assertEquals(List.of(), IncludeFiles.resolve("missing-dir/*.conf", dir, new Location("t", 1)));
        assertEquals(List.of(dir.resolve("g/a.conf"), dir.resolve("g/b.conf")),
                IncludeFiles.resolve("{g,h}/[ab].conf", dir, new Location("t", 1)));
    }

    @Test
    void remoteIncludesAreRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IncludeFiles.resolve("http://example.com/x.conf", dir, new Location("t.conf", 7)));
        assertEquals(7, e.location().line());
        assertTrue(e.detail().startsWith("include error http://example.com/x.conf"), e.detail());
    }
}
