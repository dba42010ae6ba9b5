package io.floe.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fluentd's documented match-pattern examples (docs: Config File Syntax, "Wildcards, Expansions, and other tips"). */
class MatchPatternTest {

    @ParameterizedTest(name = "<match {0}> vs tag {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a.*             | a.b       | true
            a.*             | a         | false
            a.*             | a.b.c     | false
            a.**            | a         | true
            a.**            | a.b       | true
            a.**            | a.b.c     | true
            a.**            | ab        | false
            a.**            | b.a       | false
            {a,b}           | a         | true
            {a,b}           | b         | true
            {a,b}           | c         | false
            a.{b,c}.*       | a.b.x     | true
            a.{b,c}.*       | a.c.x     | true
            a.{b,c}.*       | a.d.x     | false
            a.{b,c.**}      | a.b       | true
            a.{b,c.**}      | a.c       | true
            a.{b,c.**}      | a.c.d.e   | true
            a.{b,c.**}      | a.b.d     | false
            /(?!a\\.).*/    | b.c       | true
            /(?!a\\.).*/    | a.c       | false
            a b             | a         | true
            a b             | b         | true
            a b             | c         | false
            a.** b.*        | a         | true
            a.** b.*        | a.b.c     | true
            a.** b.*        | b.d       | true
            a.** b.*        | b         | false
            *.**            | docker.web | true
            *.**            | fluent.info | true
            *.**            | docker    | true
            **              | anything.at.all | true
            **              | x         | true
            *               | x         | true
            *               | x.y       | false
            **.b            | b         | true
            **.b            | a.b       | true
            **.b            | a.x.b     | true
            **.b            | a.bb      | false
            a.**.b          | a.b       | true
            a.**.b          | a.x.y.b   | true
            a.**.b          | a.x       | false
            docker.*        | docker.web | true
            docker.*        | docker    | false
            a*              | abc       | true
            a*              | a.bc      | false
            a\\*            | a*        | true
            a\\*            | ab        | false
            """)
    void matchesAsFluentdDocuments(String pattern, String tag, boolean expected) {
        assertEquals(expected, MatchPattern.parse(pattern).matches(tag));
    }

    @ParameterizedTest
    @CsvSource({"''", "'  '"})
    void anEmptyPatternMatchesEverything(String pattern) {
        assertEquals(true, MatchPattern.parse(pattern).matches("any.tag"));
    }

    @ParameterizedTest
    @CsvSource({"/unterminated"})
    void aRegexMustBeClosed(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> MatchPattern.parse(pattern));
    }
}
