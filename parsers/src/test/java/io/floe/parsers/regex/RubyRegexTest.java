package io.floe.parsers.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class RubyRegexTest {

    private static String first(RubyRegex r, String text, String name) {
        Matcher m = r.pattern().matcher(text);
        assertTrue(m.find(), r + " should match " + text);
        return r.group(m, r.names().indexOf(name));
    }

    @Test
    void namedGroupsWithUnderscoresAreRenumberedBecauseJavaNamesCannotHoldThem() {
        RubyRegex r = RubyRegex.fromConfig("/^(?<remote_addr>[^ ]+) (?<http_x_forwarded_for>.*)$/");
        assertEquals(List.of("remote_addr", "http_x_forwarded_for"), r.names());
        assertEquals("1.2.3.4", first(r, "1.2.3.4 5.6.7.8", "remote_addr"));
        assertEquals("5.6.7.8", first(r, "1.2.3.4 5.6.7.8", "http_x_forwarded_for"));
    }

    @Test
    void anyGroupNameRubyCouldHoldIsAcceptedEvenWithAHyphen() {
        RubyRegex r = RubyRegex.fromConfig("/(?<my-key>\\d+) (?'quoted_name'\\w+)/");
        assertEquals(List.of("my-key", "quoted_name"), r.names());
        assertEquals("42", first(r, "x 42 abc", "my-key"));
        assertEquals("abc", first(r, "x 42 abc", "quoted_name"));
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

    @Test
    void caretAndDollarMatchAtEveryLineAsInRuby() {
        RubyRegex r = RubyRegex.compile("^b$", 0);
        assertTrue(r.find("a\nb\nc"));
        assertTrue(RubyRegex.compile("^$", 0).find(""));
        assertTrue(RubyRegex.compile("^$", 0).find("a\n"));
        assertTrue(RubyRegex.compile("\\A^a", 0).find("a"));
        assertTrue(RubyRegex.compile("[^a]", 0).find("b"));
        // Only \n ends a line: Java's default would also split at \r and \u2028.
        assertFalse(RubyRegex.compile("^a$", 0).find("a\rb"));
    }

    @Test
    void dotStopsAtNewlineUnlessRubysMultilineFlagWhichIsJavasDotall() {
        assertFalse(RubyRegex.compile("\\Aa.b\\z", 0).find("a\nb"));
        assertTrue(RubyRegex.fromConfig("/\\Aa.b\\z/m").find("a\nb"));
        assertTrue(RubyRegex.compile("(?m)\\Aa.b\\z", 0).find("a\nb"));
        assertTrue(RubyRegex.compile("\\A(?m:a.b)\\z", 0).find("a\nb"));
        assertFalse(RubyRegex.compile("(?m)(?-m:\\Aa.b)", 0).find("a\nb"));
    }

    @Test
    void ignoreCaseFlagAndInlineOption() {
        assertTrue(RubyRegex.fromConfig("/error/i").find("ERROR: x"));
        assertFalse(RubyRegex.fromConfig("/error/").find("ERROR: x"));
        assertTrue(RubyRegex.compile("(?i)straße", 0).find("STRASSE straße"));
        assertTrue(RubyRegex.fromConfig("/é/i").find("É"));
    }

    @Test
    void bareValuesAndSlashesAsFluentdReadsAregexpParameter() {
        assertTrue(RubyRegex.fromConfig("cool").find("so cool"));
        assertTrue(RubyRegex.fromConfig("a/b").find("a/b"));
        assertTrue(RubyRegex.fromConfig("/a\\/b/").find("a/b"));
        assertThrows(IllegalArgumentException.class, () -> RubyRegex.fromConfig("/abc/xyz"));
        assertThrows(IllegalArgumentException.class, () -> RubyRegex.fromConfig("/abc"));
    }

    @Test
    void stringAnchorsKeepTheirRubyMeaning() {
        assertTrue(RubyRegex.compile("\\Aabc\\z", 0).find("abc"));
        assertFalse(RubyRegex.compile("\\Aabc\\z", 0).find("abc\n"));
        assertTrue(RubyRegex.compile("\\Aabc\\Z", 0).find("abc\n"));
        assertFalse(RubyRegex.compile("\\Aabc\\Z", 0).find("abc\n\n"));
    }

    @Test
    void hexDigitEscapeIsNotJavasHorizontalSpace() {
        assertTrue(RubyRegex.compile("\\A\\h+\\z", 0).find("deadBEEF09"));
        assertFalse(RubyRegex.compile("\\h", 0).find(" \t"));
        assertTrue(RubyRegex.compile("\\A[\\h-]+\\z", 0).find("0a-ff"));
        assertTrue(RubyRegex.compile("\\A\\H\\z", 0).find("g"));
        assertTrue(RubyRegex.compile("\\A[\\Hx]\\z", 0).find("z"));
    }

    @Test
    void otherEscapesThatDiffer() {
        assertTrue(RubyRegex.compile("a\\vb", 0).find("a\u000bb"));
        assertFalse(RubyRegex.compile("a\\vb", 0).find("a\nb"));
        assertTrue(RubyRegex.compile("[\\b]", 0).find("\b"));
        assertTrue(RubyRegex.compile("a\\0b", 0).find("a\0b"));
        assertTrue(RubyRegex.compile("\\x9", 0).find("\t"));
        assertTrue(RubyRegex.compile("\\u{263a}", 0).find("☺"));
        assertTrue(RubyRegex.compile("\\y", 0).find("y"));
        assertTrue(RubyRegex.compile("\\<tag\\>", 0).find("<tag>"));
        assertTrue(RubyRegex.compile("\\Qa\\E", 0).find("QaE"));
    }

    @Test
    void literalBracesThatRubyAcceptsAndJavaRejects() {
        assertTrue(RubyRegex.compile("{\"a\":(?<v>\\d+)}", 0).find("{\"a\":1}"));
        assertTrue(RubyRegex.compile("\\Aa{,2}\\z", 0).find("aa"));
        assertFalse(RubyRegex.compile("\\Aa{,2}\\z", 0).find("aaa"));
        assertTrue(RubyRegex.compile("\\Aa{2}\\z", 0).find("aa"));
        assertTrue(RubyRegex.compile("\\Ax{}\\z", 0).find("x{}"));
    }

    @Test
    void posixBracketsAndPropertiesAreUnicodeAware() {
        assertTrue(RubyRegex.compile("\\A[[:alpha:]]+\\z", 0).find("héllo"));
        assertTrue(RubyRegex.compile("\\A[[:^digit:]]+\\z", 0).find("abc"));
        assertFalse(RubyRegex.compile("\\A[[:^digit:]]+\\z", 0).find("a1"));
        assertTrue(RubyRegex.compile("\\A[[:space:][:punct:]]+\\z", 0).find(" ,.$"));
        assertTrue(RubyRegex.compile("\\A\\p{Alpha}+\\z", 0).find("日本"));
        assertTrue(RubyRegex.compile("\\A\\p{^Digit}\\z", 0).find("x"));
        assertTrue(RubyRegex.compile("\\A\\p{Hiragana}+\\z", 0).find("ひらがな"));
        assertTrue(RubyRegex.compile("\\A[]a]+\\z", 0).find("]a"));
    }

    @Test
    void commentGroupsAreDroppedAndLookaroundsKept() {
        assertTrue(RubyRegex.compile("a(?#note)b", 0).find("ab"));
        RubyRegex r = RubyRegex.compile("(?<=\\$)(?<amount>\\d+)(?!\\d)", 0);
        assertEquals("42", first(r, "cost $42", "amount"));
        assertTrue(RubyRegex.compile("(?>a+)b", 0).find("aab"));
    }

    @Test
    void extendedModeKeepsCommentsOutOfTheGroupCount() {
        RubyRegex r = RubyRegex.compile("(?<a>\\d+) # digits (not a group\n \\s+ (?<b>\\w+)", RubyRegex.EXTENDED);
        assertEquals(List.of("a", "b"), r.names());
        assertEquals("x", first(r, "12 x", "b"));
    }

    @Test
    void constructsWithoutAJavaEquivalentAreConfigErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RubyRegex.compile("(?<a>x)\\g<a>", 0))
                .getMessage().contains("\\g<name>"));
        assertThrows(IllegalArgumentException.class, () -> RubyRegex.compile("a\\Kb", 0));
        assertThrows(IllegalArgumentException.class, () -> RubyRegex.compile("(?~abc)", 0));
        assertThrows(IllegalArgumentException.class, () -> RubyRegex.compile("(a)(?(1)b|c)", 0));
        assertThrows(IllegalArgumentException.class, () -> RubyRegex.compile("[abc", 0));
        assertThrows(IllegalArgumentException.class, () -> RubyRegex.compile("\\k<nope>(?<a>x)", 0));
    }

    /** The shortcut for /^.../ must give what Ruby's =~ gives, at line starts and with alternatives. */
    @Test
    void lineAnchoredPatternsMatchAsRubyDoes() {
        RubyRegex health = RubyRegex.fromConfig("/^\\/(healthz|readyz)$/");
        assertTrue(health.find("/healthz"));
        assertTrue(health.find("/readyz"));
        assertFalse(health.find("/api/healthz"));
        assertTrue(health.find("GET\n/healthz"), "^ matches after a newline, as in Ruby");
        assertFalse(health.find("/healthz/x"));
        RubyRegex either = RubyRegex.compile("^a|b", 0);
        assertTrue(either.find("xb"), "a top-level | is not anchored");
        assertTrue(RubyRegex.compile("^[|]x", 0).find("|x"));
        assertFalse(RubyRegex.compile("^[|]x", 0).find("a|x"));
        assertTrue(RubyRegex.compile("^\\|x", 0).find("|x"));
        assertFalse(RubyRegex.compile("^\\|x", 0).find("a|x"));
        assertTrue(RubyRegex.compile("^", 0).find(""));
        assertTrue(RubyRegex.anchoredAtLineStart("^(a|b)c"));
        assertFalse(RubyRegex.anchoredAtLineStart("^(a)|b"));
        assertFalse(RubyRegex.anchoredAtLineStart("a^"));
    }
}
