package io.floe.conf.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigValue;
import io.floe.conf.Location;
import java.util.function.Function;

/**
 * Reads one parameter value of fluent.conf at the scanner: bare text, 'single', "double" (with escapes
 * and ENV interpolation) or a JSON array/hash that may span lines.
 */
final class ValueScanner {
    private final TextScanner sc;
    private final Function<String, String> env;
    private ObjectMapper json; // created on first JSON value; most files have none

    ValueScanner(TextScanner sc, Function<String, String> env) {
        this.sc = sc;
        this.env = env;
    }

    /** A value at the cursor; the caller has skipped the blanks before it and checks the line end after it. */
    ConfigValue value() {
        Location at = sc.location();
        return switch (sc.peek()) {
            case '[', '{' -> new ConfigValue(json(), at, ConfigValue.Quoting.JSON);
            case '"', '\'' -> quoted();
            default -> ConfigValue.bare(bare(), at);
        };
    }

    /** A quoted string or bare word that ends at whitespace: keys and section args. */
    ConfigValue word() {
        Location at = sc.location();
        if (sc.peek() == '"' || sc.peek() == '\'') {
            return quoted();
        }
        int from = sc.pos();
        while (!sc.eof() && !Character.isWhitespace(sc.peek())) {
            sc.next();
        }
        return ConfigValue.bare(sc.substring(from, sc.pos()), at);
    }

    ConfigValue quoted() {
        Location at = sc.location();
        char q = sc.next();
        if (q == '\'') {
            return new ConfigValue(singleQuoted(at), at, ConfigValue.Quoting.SINGLE);
        }
        return new ConfigValue(doubleQuotedBody(sc, env, true, at), at, ConfigValue.Quoting.DOUBLE);
    }

    /**
     * Bare text to the end of the line. A '#' is a comment only after whitespace ("a #b" is "a", "a#b" stays
     * whole) and trailing blanks are dropped.
     */
    String bare() {
        int from = sc.pos();
        int end = from;
        while (!sc.atNewlineOrEof()) {
            if (TextScanner.isBlank(sc.peek())) {
                sc.skipBlanks();
                if (sc.peek() == '#') {
                    break; // the caller's line-end check skips the comment
                }
            } else {
                sc.next();
                end = sc.pos();
            }
        }
        return sc.substring(from, end);
    }

    /** Only \' and \\ are escapes; Fluentd does not let a single-quoted string run past its line. */
    private String singleQuoted(Location at) {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (sc.atNewlineOrEof()) {
                throw new ConfigException(at, "unterminated single quoted string: expected a closing ' on the same line");
            }
            char c = sc.next();
            if (c == '\'') {
                return out.toString();
            }
            if (c == '\\' && (sc.peek() == '\'' || sc.peek() == '\\')) {
                c = sc.next();
            }
            out.append(c);
        }
    }

    /**
     * The inside of a double-quoted string: escapes, line continuations and #{ENV...}. When
     * {@code untilQuote} is false the whole remaining text is the body (YAML's !fluent/s scalars).
     */
    static String doubleQuotedBody(TextScanner sc, Function<String, String> env, boolean untilQuote, Location at) {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (sc.eof()) {
                if (!untilQuote) {
                    return out.toString();
                }
                throw new ConfigException(at, "unexpected end of file in a double quoted string (it is not closed)");
            }
            char c = sc.next();
            if (c == '"' && untilQuote) {
                return out.toString();
            } else if (c == '\\') {
                escape(sc, out, at);
            } else if (c == '#' && sc.peek() == '{') {
                Location codeAt = sc.location();
                sc.next();
                out.append(EmbeddedCode.evaluate(EmbeddedCode.scan(sc, codeAt), codeAt, env));
            } else {
                out.append(c);
            }
        }
    }

    private static void escape(TextScanner sc, StringBuilder out, Location at) {
        if (sc.eof()) {
            throw new ConfigException(at, "unexpected end of file in a double quoted string (it is not closed)");
        }
        Location escAt = sc.location();
        char e = sc.next();
        switch (e) {
            case '\n' -> { } // a backslash at the end of a line joins it with the next
            case 'r' -> out.append('\r');
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'f' -> out.append('\f');
            case 'b' -> out.append('\b');
            case '0' -> out.append('\0');
            default -> {
                if (Character.isLetterOrDigit(e) && e < 128) {
                    throw new ConfigException(escAt, "unexpected back-slash escape character '" + e + "'");
                }
                out.append(e); // any escaped symbol stands for itself
            }
        }
    }

    /**
     * A JSON array or hash, read until its brackets balance. '#' and '//' outside JSON strings start a
     * comment to the end of the line (so multi-line values can be annotated); the result is compact JSON.
     */
    private String json() {
        Location at = sc.location();
        boolean array = sc.peek() == '[';
        String kind = array ? "array" : "hash";
        StringBuilder buf = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        while (true) {
            if (sc.eof()) {
                throw new ConfigException(at, "got incomplete JSON " + kind + " configuration");
            }
            char c = sc.next();
            if (inString) {
                buf.append(c);
                if (c == '\\' && !sc.eof()) {
                    buf.append(sc.next());
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '#' || (c == '/' && sc.peek() == '/')) {
                sc.skipToNewline();
                continue;
            }
            if (c == '/' && sc.peek() == '*') {
                skipBlockComment(at, kind);
                continue;
            }
            buf.append(c);
            if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return compact(buf.toString(), at, kind);
            }
        }
    }

    private void skipBlockComment(Location at, String kind) {
        sc.next();
        while (!sc.startsWith("*/")) {
            if (sc.eof()) {
                throw new ConfigException(at, "got incomplete JSON " + kind + " configuration");
            }
            sc.next();
        }
        sc.skip(2);
    }

    private String compact(String text, Location at, String kind) {
        if (json == null) {
            json = new ObjectMapper();
        }
        try {
            JsonNode node = json.readTree(text);
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ConfigException(at, "got invalid JSON " + kind + " configuration: " + e.getOriginalMessage(), e);
        }
    }
}
