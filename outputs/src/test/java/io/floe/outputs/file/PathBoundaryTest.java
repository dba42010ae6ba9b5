package io.floe.outputs.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.UnrecoverableException;
import org.junit.jupiter.api.Test;

/** The rule for a tag or a record value put into a file path. */
class PathBoundaryTest {

    @Test
    void valuesThatStayBelowTheTemplatesPlaceAreAccepted() {
        for (String v : new String[] {"app", "app.web", "app/web", "a/b/c", "a..b", "..a", "a..", "...", "a/...",
                ".hidden", "a/.b/c", "a//b", "a/", "-", "~", "héllo ✓", "a b", "%Y", "${x}", ""}) {
            assertNull(PathBoundary.problem(v), v);
        }
    }

    @Test
    void dotSegmentsAbsolutePathsBackslashesAndControlsAreRefused() {
        String deep = "../".repeat(200) + "x";
        String[][] refused = {
            {"..", "has a '..' segment"}, {".", "has a '.' segment"}, {"../../x", "has a '..' segment"},
            {"a/../../../x", "has a '..' segment"}, {"a/..", "has a '..' segment"}, {"./a", "has a '.' segment"},
            {"a/./b", "has a '.' segment"}, {"a/.", "has a '.' segment"}, {deep, "has a '..' segment"},
            {"/abs/x", "is an absolute path"}, {"/", "is an absolute path"}, {"//x", "is an absolute path"},
            {"a\\b", "holds a backslash"}, {"..\\x", "holds a backslash"},
            {"a\0b", "holds a NUL"}, {"a\nb", "holds a control character"}, {"a\rb", "holds a control character"},
            {"\u001b[31m", "holds a control character"}, {"a\u007fb", "holds a control character"},
            {"a\u0085b", "holds a control character"}, {"a\tb", "holds a control character"},
        };
        for (String[] r : refused) {
            assertEquals(r[1], PathBoundary.problem(r[0]), r[0]);
        }
    }

    @Test
    void theRefusalNamesThePlaceholderAndTheValueEscaped() {
        UnrecoverableException e = assertThrows(UnrecoverableException.class,
                () -> PathBoundary.check("${tag}", "../\n\u001b[31m\0\"\\\u0085"));
        assertEquals("refused to build a file path: the value of ${tag}, \"../\\n\\e[31m\\u0000\\\"\\\\\\u0085\","
                + " has a '..' segment", e.getMessage());
        String huge = "../" + "x".repeat(5000);
        e = assertThrows(UnrecoverableException.class, () -> PathBoundary.check("${tag}", huge));
        assertEquals("refused to build a file path: the value of ${tag}, \"" + huge.substring(0, 1024)
                + "\"... (5003 characters), has a '..' segment", e.getMessage(), "a log line of bounded length");
    }

    @Test
    void theFixedDirectoryIsWhatComesBeforeTheFirstPlaceholder() throws Exception {
        assertEquals("/var/log/out", PathBoundary.fixedDirectory("/var/log/out/${tag}/log"));
        assertEquals("/var/log/out", PathBoundary.fixedDirectory("/var/log/out/app.${tag}"));
        assertEquals("/var/log", PathBoundary.fixedDirectory("/var/log/%Y/${tag}"));
        assertEquals("/var/log", PathBoundary.fixedDirectory("/var/log/out.*.log"));
        assertEquals("/", PathBoundary.fixedDirectory("/${tag}"));
        assertEquals("", PathBoundary.fixedDirectory("${tag}/log"));
        assertEquals("out", PathBoundary.fixedDirectory("out/${host}"));
        PathBoundary.checkInside("/var/log/out/${tag}/log", "/var/log/out/a/b/log" + PathTemplate.INDEX + ".log");
        PathBoundary.checkInside("/var/log/../out/${tag}", "/var/out/a");
        assertThrows(UnrecoverableException.class, () -> PathBoundary.checkInside("/var/log/out/${tag}/log", "/var/log/out/../../x/log"));
        assertThrows(UnrecoverableException.class, () -> PathBoundary.checkInside("/var/log/out/${tag}/log", "/var/log/outside/log"));
        assertThrows(UnrecoverableException.class, () -> PathBoundary.checkInside("/var/log/out/${tag}", "/var/log/out/"));
        String relative = assertThrows(UnrecoverableException.class,
                () -> PathBoundary.checkInside("out/${tag}/log", "out/../x/log")).getMessage();
        assertTrue(relative.startsWith("refused to build a file path: ") && relative.contains(" is not inside "), relative);
    }
}
