package io.floe.conf.parse;

import io.floe.conf.ConfigException;
import io.floe.conf.Location;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code #{...}} of Fluentd's double-quoted strings. Fluentd evaluates any Ruby there; Floe reads
 * configuration, it does not run it, so only the environment lookups that real configs use are
 * recognised by shape and everything else is refused before anything happens.
 */
final class EmbeddedCode {
    static final String ALLOWED = "only #{ENV['NAME']} and #{ENV.fetch('NAME', 'default')} are allowed";

    // A Ruby string literal without escapes or interpolation: 'x' or "x".
    private static final String LITERAL = "(?:'([^'\\\\]*)'|\"([^\"\\\\#]*)\")";
    private static final Pattern ENV_INDEX =
            Pattern.compile("\\s*ENV\\s*\\[\\s*" + LITERAL + "\\s*]\\s*");
    private static final Pattern ENV_FETCH =
            Pattern.compile("\\s*ENV\\.fetch\\s*\\(\\s*" + LITERAL + "\\s*(?:,\\s*" + LITERAL + "\\s*)?\\)\\s*");

    private EmbeddedCode() {
    }

    /** The text that {@code #{code}} stands for, or a ConfigException at {@code where}. */
    static String evaluate(String code, Location where, Function<String, String> env) {
        Matcher index = ENV_INDEX.matcher(code);
        if (index.matches()) {
            String value = env.apply(literal(index, 1));
            return value == null ? "" : value; // Ruby's nil interpolates as the empty string
        }
        Matcher fetch = ENV_FETCH.matcher(code);
        if (fetch.matches()) {
            String name = literal(fetch, 1);
            String value = env.apply(name);
            if (value != null) {
                return value;
            }
            String fallback = literal(fetch, 3);
            if (fallback == null) {
                throw new ConfigException(where, "environment variable '" + name
                        + "' is not set and #{ENV.fetch('" + name + "')} has no default");
            }
            return fallback;
        }
        throw new ConfigException(where, "embedded code '#{" + code + "}' is not supported: " + ALLOWED);
    }

    private static String literal(Matcher m, int firstGroup) {
        String single = m.group(firstGroup);
        return single != null ? single : m.group(firstGroup + 1);
    }

    /**
     * Finds the '}' that closes the code starting at the scanner (just after "#{"), stepping over Ruby
     * string literals and nested braces so that "#{ENV["A}"]}" is read whole. Returns the code and leaves
     * the scanner after the '}'.
     */
    static String scan(TextScanner sc, Location start) {
        int from = sc.pos();
        int depth = 0;
        char quote = 0;
        while (!sc.eof()) {
            char c = sc.next();
            if (quote != 0) {
                if (c == '\\' && !sc.eof()) {
                    sc.next();
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return sc.substring(from, sc.pos() - 1);
                }
                depth--;
            }
        }
        throw new ConfigException(start, "embedded code '#{' is not closed by '}' before the end of the file");
    }
}
