package io.floe.codec.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Ruby 3 prints for String#inspect and Float#to_s. */
class RubyTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain             | "plain"
            `a"b`             | "a\\"b"
            `tab\there`       | "tab\\there"
            `#{x} #y`         | "\\#{x} #y"
            héllo ✓           | "héllo ✓"
            """)
    void inspect(String in, String out) {
        StringBuilder b = new StringBuilder();
        RubyText.inspect(in, b);
        assertEquals(out, b.toString());
    }

    @ParameterizedTest
    @CsvSource({"1.5,1.5", "100.0,100.0", "1e20,1.0e+20", "0.0001,0.0001", "0.00001,1.0e-05", "-2.25,-2.25", "1e16,1.0e+16",
        "123456789.125,123456789.125", "3,3.0", "-0.25,-0.25", "1e15,1000000000000000.0", "1.234e20,1.234e+20", "0,0.0",
        "100,100.0", "0.1,0.1"})
    void floatToS(double in, String out) {
        assertEquals(out, RubyText.floatToS(in));
    }

    @ParameterizedTest
    @CsvSource({"1,\"\\u0001\"", "127,\"\\x7F\"", "27,\"\\e\"", "133,\"\\u0085\"", "8232,\"\\u2028\"", "8238,\"\\u202E\"",
            "55296,\"\\uD800\""})
    void controlCharacters(int c, String out) {
        StringBuilder b = new StringBuilder();
        RubyText.inspect(String.valueOf((char) c), b);
        assertEquals(out, b.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `a"b\\c`        | `a\\"b\\\\c`
            `#{x}`            | `#{x}`
            `emoji 😀`        | `emoji 😀`
            """)
    void escapeIsInspectWithoutQuotesAndWithoutTheInterpolationEscape(String in, String out) {
        StringBuilder b = new StringBuilder();
        RubyText.escape(in, b);
        assertEquals(out, b.toString());
    }

    @Test
    void escapeUnprintableLeavesQuotesAndBackslashes() {
        StringBuilder b = new StringBuilder();
        RubyText.escapeUnprintable("say \"hi\"\\\n\u001b[0m\uDB40\uDC01", b);
        assertEquals("say \"hi\"\\\\n\\e[0m\\u{E0001}", b.toString());
    }
}
