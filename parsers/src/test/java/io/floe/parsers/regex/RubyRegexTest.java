package io.floe.parsers.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RubyRegexTest {

    private static String first(RubyRegex r, String text, String name) {
        Matcher m = r.pattern().matcher(text);
        assertTrue(m.find(), r + " should match " + text);
        return r.group(m, r.names().indexOf(name));
    }

    /** The pattern's group names in order, and what each captured in {@code text}. */
    private static void assertGroups(RubyRegex r, String text, List<String> names, List<String> captured) {
        assertEquals(names, r.names());
        for (int i = 0; i < names.size(); i++) {
            assertEquals(captured.get(i), first(r, text, names.get(i)), "group " + names.get(i));
        }
    }

    @Test
    void namedGroupsWithUnderscoresAreRenumberedBecauseJavaNamesCannotHoldThem() {
        assertGroups(RubyRegex.fromConfig("/^(?<remote_addr>[^ ]+) (?<http_x_forwarded_for>.*)$/"), "1.2.3.4 5.6.7.8",
                List.of("remote_addr", "http_x_forwarded_for"), List.of("1.2.3.4", "5.6.7.8"));
    }

    @Test
    void anyGroupNameRubyCouldHoldIsAcceptedEvenWithAHyphen() {
        assertGroups(RubyRegex.fromConfig("/(?<my-key>\\d+) (?'quoted_name'\\w+)/"), "x 42 abc",
                List.of("my-key", "quoted_name"), List.of("42", "abc"));
    }

    @Test
    void plainGroupsDoNotCaptureWhenNamedGroupsExistSoNumberingFollowsTheNames() {
        RubyRegex r = RubyRegex.compile("(a|b)(?<x>c)(d)(?<y>e)", 0);
        Matcher m = r.pattern().matcher("acde");
        assertTrue(m.find());
        assertEquals(2, m.groupCount());
        assertEquals("c", r.group(m, 0));
        assertEquals("e", r.group(m, 1));
    }

    @Test
    void aNameUsedTwiceGivesTheGroupThatMatched() {
        RubyRegex r = RubyRegex.compile("(?<v>\\d+)s|(?<v>[a-z]+)!", 0);
        assertEquals(List.of("v"), r.names());
        assertEquals("12", first(r, "12s", "v"));
        assertEquals("abc", first(r, "abc!", "v"));
    }

    @Test
    void backReferenceByNameBecomesANumberedOne() {
        RubyRegex r = RubyRegex.compile("(?<q>['\"])(?<body>.*?)\\k<q>", 0);
        assertEquals("it's", first(r, "say \"it's\" now", "body"));
    }

    /**
     * Whether a pattern finds a match in a text, as Ruby's {@code =~} decides. {@code fromConfig} reads the pattern as a
     * Fluentd parameter value ({@code /re/flags} or bare), otherwise it is the pattern itself with no flags.
     */
    record Finds(String what, String pattern, boolean fromConfig, String text, boolean found) {
        RubyRegex regex() {
            return RubyRegexTest.regex(pattern, fromConfig);
        }

        @Override
        public String toString() {
            return what + ": " + (fromConfig ? pattern : "/" + pattern + "/") + (found ? " finds " : " finds nothing in ")
                    + "\"" + visible(text) + "\"";
        }
    }

    private static RubyRegex regex(String pattern, boolean fromConfig) {
        return fromConfig ? RubyRegex.fromConfig(pattern) : RubyRegex.compile(pattern, 0);
    }

    /** A case that gets its name from the theme it is listed under. */
    private interface Unnamed {
        Finds named(String what);
    }

    private static Stream<Finds> theme(String what, Unnamed... cases) {
        return Stream.of(cases).map(c -> c.named(what));
    }

    private static Unnamed finds(String pattern, String text) {
        return what -> new Finds(what, pattern, false, text, true);
    }

    private static Unnamed misses(String pattern, String text) {
        return what -> new Finds(what, pattern, false, text, false);
    }

    private static Unnamed configFinds(String configValue, String text) {
        return what -> new Finds(what, configValue, true, text, true);
    }

    private static Unnamed configMisses(String configValue, String text) {
        return what -> new Finds(what, configValue, true, text, false);
    }

    /** Control characters written as escapes, so that each case's name stays on one line. */
    private static String visible(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().forEach(c -> b.append(switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c);
        }));
        return b.toString();
    }

    static Stream<Finds> rubyMeaning() {
        String health = "/^\\/(healthz|readyz)$/";
        return Stream.of(
            theme("^ and $ match at every line as in Ruby",
                finds("^b$", "a\nb\nc"),
                finds("^$", ""),
                finds("^$", "a\n"),
                finds("\\A^a", "a"),
                finds("[^a]", "b")),
            theme("only \\n ends a line: Java's default would also split at \\r and \\u2028",
                misses("^a$", "a\rb")),
            theme("dot stops at newline unless Ruby's multiline flag (Java's DOTALL)",
                misses("\\Aa.b\\z", "a\nb"),
                configFinds("/\\Aa.b\\z/m", "a\nb"),
                finds("(?m)\\Aa.b\\z", "a\nb"),
                finds("\\A(?m:a.b)\\z", "a\nb"),
                misses("(?m)(?-m:\\Aa.b)", "a\nb")),
            theme("ignore-case flag and inline option",
                configFinds("/error/i", "ERROR: x"),
                configMisses("/error/", "ERROR: x"),
                finds("(?i)straße", "STRASSE straße"),
                configFinds("/é/i", "É")),
            theme("bare values and slashes as Fluentd reads a regexp parameter",
                configFinds("cool", "so cool"),
                configFinds("a/b", "a/b"),
                configFinds("/a\\/b/", "a/b")),
            theme("string anchors keep their Ruby meaning",
                finds("\\Aabc\\z", "abc"),
                misses("\\Aabc\\z", "abc\n"),
                finds("\\Aabc\\Z", "abc\n"),
                misses("\\Aabc\\Z", "abc\n\n")),
            theme("\\h is a hex digit, not Java's horizontal space",
                finds("\\A\\h+\\z", "deadBEEF09"),
                misses("\\h", " \t"),
                finds("\\A[\\h-]+\\z", "0a-ff"),
                finds("\\A\\H\\z", "g"),
                finds("\\A[\\Hx]\\z", "z")),
            theme("other escapes that differ",
                finds("a\\vb", "a\u000bb"),
                misses("a\\vb", "a\nb"),
                finds("[\\b]", "\b"),
                finds("a\\0b", "a\0b"),
                finds("\\x9", "\t"),
                finds("\\u{263a}", "☺"),
                finds("\\y", "y"),
                finds("\\<tag\\>", "<tag>"),
                finds("\\Qa\\E", "QaE")),
            theme("literal braces that Ruby accepts and Java rejects",
                finds("{\"a\":(?<v>\\d+)}", "{\"a\":1}"),
                finds("\\Aa{,2}\\z", "aa"),
                misses("\\Aa{,2}\\z", "aaa"),
                finds("\\Aa{2}\\z", "aa"),
                finds("\\Ax{}\\z", "x{}")),
            theme("POSIX brackets and properties are Unicode aware",
                finds("\\A[[:alpha:]]+\\z", "héllo"),
                finds("\\A[[:^digit:]]+\\z", "abc"),
                misses("\\A[[:^digit:]]+\\z", "a1"),
                finds("\\A[[:space:][:punct:]]+\\z", " ,.$"),
                finds("\\A\\p{Alpha}+\\z", "日本"),
                finds("\\A\\p{^Digit}\\z", "x"),
                finds("\\A\\p{Hiragana}+\\z", "ひらがな"),
                finds("\\A[]a]+\\z", "]a")),
            theme("comment groups are dropped and atomic groups kept",
                finds("a(?#note)b", "ab"),
                finds("(?>a+)b", "aab")),
            theme("a pattern anchored at line start matches as Ruby's =~",
                configFinds(health, "/healthz"),
                configFinds(health, "/readyz"),
                configMisses(health, "/api/healthz"),
                configMisses(health, "/healthz/x"),
                finds("^[|]x", "|x"),
                misses("^[|]x", "a|x"),
                finds("^\\|x", "|x"),
                misses("^\\|x", "a|x"),
                finds("^", "")),
            theme("^ matches after a newline, as in Ruby",
                configFinds(health, "GET\n/healthz")),
            theme("a top-level | is not anchored",
                finds("^a|b", "xb")))
            .flatMap(cases -> cases);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rubyMeaning")
    void findsAsRubyDoes(Finds c) {
        assertEquals(c.found(), c.regex().find(c.text()), c.toString());
    }

    @Test
    void lookaroundsAreKept() {
        RubyRegex r = RubyRegex.compile("(?<=\\$)(?<amount>\\d+)(?!\\d)", 0);
        assertEquals("42", first(r, "cost $42", "amount"));
    }

    @Test
    void extendedModeKeepsCommentsOutOfTheGroupCount() {
        assertGroups(RubyRegex.compile("(?<a>\\d+) # digits (not a group\n \\s+ (?<b>\\w+)", RubyRegex.EXTENDED), "12 x",
                List.of("a", "b"), List.of("12", "x"));
    }

    @Test
    void subexpressionCallsAreAConfigErrorThatNamesThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RubyRegex.compile("(?<a>x)\\g<a>", 0))
                .getMessage().contains("\\g<name>"));
    }

    /** Constructs without a Java equivalent, and parameter values that are not a whole /re/flags. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            a config value with more than three letters after the last slash; /abc/xyz;              true
            a config value without the right slash;                           /abc;                  true
            \\K (keep out) has no Java equivalent;                            a\\Kb;                 false
            (?~absent) has no Java equivalent;                                (?~abc);               false
            a conditional group has no Java equivalent;                       (a)(?(1)b|c);          false
            an unclosed bracket;                                              [abc;                  false
            a back-reference to a name not defined before;                    \\k<nope>(?<a>x);      false
            """)
    void isAConfigError(String what, String pattern, boolean fromConfig) {
        assertThrows(IllegalArgumentException.class, () -> regex(pattern, fromConfig));
    }

    /** The shortcut for /^.../ is taken only when every top-level alternative starts at a line start. */
    @Test
    void anchoredAtLineStartOnlyWhenEveryAlternativeIs() {
        assertTrue(RubyRegex.anchoredAtLineStart("^(a|b)c"));
        assertFalse(RubyRegex.anchoredAtLineStart("^(a)|b"));
        assertFalse(RubyRegex.anchoredAtLineStart("a^"));
    }
}
