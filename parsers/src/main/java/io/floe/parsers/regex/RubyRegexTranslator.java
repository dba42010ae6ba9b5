package io.floe.parsers.regex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rewrites Ruby regexp source into Java regex source; see {@link RubyRegex} for each difference handled. */
final class RubyRegexTranslator {
    private final String src;
    private final boolean extended;
    private final boolean namedMode;
    private final StringBuilder out;
    private final Map<String, List<Integer>> named = new LinkedHashMap<>();
    private int pos;
    private int groupCount;
    private int classDepth;
    private boolean sawNamed;

    private RubyRegexTranslator(String src, boolean extended, boolean namedMode) {
        this.src = src;
        this.extended = extended;
        this.namedMode = namedMode;
        this.out = new StringBuilder(src.length() + 16);
    }

    static RubyRegexTranslator translate(String src, boolean extended) {
        RubyRegexTranslator first = new RubyRegexTranslator(src, extended, false).run();
        // With named groups Ruby's plain groups stop capturing, which changes the numbering: translate again.
        return first.sawNamed ? new RubyRegexTranslator(src, extended, true).run() : first;
    }

    String java() {
        return out.toString();
    }

    Map<String, List<Integer>> named() {
        return named;
    }

    private RubyRegexTranslator run() {
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '\\') {
                escape();
            } else if (classDepth > 0) {
                inClass(c);
            } else if (c == '[') {
                openClass();
            } else if (c == '(') {
                group();
            } else if (c == '{') {
                brace();
            } else if (c == '^') {
                // Ruby's ^ also matches in an empty text and after a final \n; Java's MULTILINE ^ does neither.
                out.append("(?<![^\\n])");
            } else if (extended && c == '#') {
                int nl = src.indexOf('\n', pos);
                int end = nl < 0 ? src.length() : nl;
                out.append('#').append(src, pos, end);
                pos = end;
            } else {
                out.append(c);
            }
        }
        if (classDepth > 0) {
            throw new IllegalArgumentException("invalid regexp /" + src + "/: premature end of char-class");
        }
        return this;
    }

    private void openClass() {
        classDepth++;
        out.append('[');
        if (peek() == '^') {
            out.append('^');
            pos++;
        }
        if (peek() == ']') {
            // A ']' first in a class is a literal in Ruby.
            out.append("\\]");
            pos++;
        }
    }

    private void inClass(char c) {
        if (c == '[') {
            if (peek() == ':') {
                int end = src.indexOf(":]", pos + 1);
                if (end > 0) {
                    String name = src.substring(pos + 1, end);
                    String cls = PosixClasses.bracket(name);
                    if (cls != null) {
                        out.append(cls);
                        pos = end + 2;
                        return;
                    }
                }
            }
            openClass();
        } else if (c == ']') {
            classDepth--;
            out.append(']');
        } else {
            out.append(c);
        }
    }

    private void group() {
        if (peek() != '?') {
            if (namedMode) {
                out.append("(?:");
            } else {
                groupCount++;
                out.append('(');
            }
            return;
        }
        char kind = at(pos + 1);
        char after = at(pos + 2);
        if (kind == '#') {
            int end = src.indexOf(')', pos);
            if (end < 0) {
                throw error("end pattern in group");
            }
            pos = end + 1;
        } else if ((kind == '<' && after != '=' && after != '!') || kind == '\'') {
            char close = kind == '<' ? '>' : '\'';
            int end = src.indexOf(close, pos + 2);
            if (end < 0 || end == pos + 2) {
                throw error("invalid group name");
            }
            String name = src.substring(pos + 2, end);
            pos = end + 1;
            sawNamed = true;
            groupCount++;
            named.computeIfAbsent(name, k -> new ArrayList<>(1)).add(groupCount);
            out.append('(');
        } else if (kind == '~') {
            throw error("the absence operator (?~...) has no Java equivalent");
        } else if (kind == '(') {
            throw error("conditional groups (?(cond)yes|no) have no Java equivalent");
        } else if (kind == ':' || kind == '=' || kind == '!' || kind == '>' || kind == '<') {
            out.append('(');
        } else {
            options();
        }
    }

    /** {@code (?imx-imx)} and {@code (?imx-imx:...)}: Ruby's m is Java's s; a, d and u have no Java meaning. */
    private void options() {
        int i = pos + 1;
        StringBuilder on = new StringBuilder();
        StringBuilder off = new StringBuilder();
        boolean negative = false;
        while (i < src.length() && src.charAt(i) != ')' && src.charAt(i) != ':') {
            char f = src.charAt(i++);
            StringBuilder to = negative ? off : on;
            switch (f) {
                case '-' -> negative = true;
                case 'i', 'x' -> to.append(f);
                case 'm' -> to.append('s');
                case 'a', 'd', 'u' -> { }
                default -> throw error("undefined group option '" + f + "'");
            }
        }
        if (i >= src.length()) {
            throw error("end pattern in group");
        }
        boolean scoped = src.charAt(i) == ':';
        pos = i + 1;
        String flags = on + (off.length() > 0 ? "-" + off : "");
        if (scoped) {
            out.append("(?").append(flags).append(':');
        } else if (!flags.isEmpty()) {
            out.append("(?").append(flags).append(')');
        }
    }

    /** A {@code {} that starts no valid interval is a literal in Ruby, an error in Java. */
    private void brace() {
        int i = pos;
        int lo = digits(i);
        i += lo;
        boolean comma = at(i) == ',';
        int hi = comma ? digits(i + 1) : 0;
        int end = comma ? i + 1 + hi : i;
        if (at(end) == '}' && (lo > 0 || hi > 0)) {
            out.append('{').append(lo == 0 ? "0" : "").append(src, pos, end + 1);
            pos = end + 1;
        } else {
            out.append("\\{");
        }
    }

    private int digits(int from) {
        int n = 0;
        while (Character.isDigit(at(from + n))) {
            n++;
        }
        return n;
    }

    private void escape() {
        if (pos >= src.length()) {
            throw error("too short escape sequence");
        }
        char c = src.charAt(pos++);
        boolean inClass = classDepth > 0;
        switch (c) {
            case 'h' -> out.append(inClass ? "0-9a-fA-F" : "[0-9a-fA-F]");
            case 'H' -> out.append("[^0-9a-fA-F]");
            case 'v' -> out.append("\\x0B");
            case 'b' -> out.append(inClass ? "\\x08" : "\\b");
            case 'k' -> backReference();
            case 'g' -> throw error("\\g<name> subexpression calls have no Java equivalent");
            case 'K' -> throw error("\\K (keep) has no Java equivalent");
            case '0' -> out.append(at(pos) >= '0' && at(pos) <= '7' ? "\\0" : "\\x00");
            case 'x' -> hexEscape();
            case 'u' -> unicodeEscape();
            case 'p', 'P' -> property(c == 'P');
            case 'A', 'z', 'Z', 'B', 'd', 'D', 'w', 'W', 's', 'S', 'G', 'R', 'X', 'n', 't', 'r', 'f', 'e', 'a', 'c' ->
                    out.append('\\').append(c);
            default -> {
                if (c >= '1' && c <= '9') {
                    out.append('\\').append(c);
                } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                    out.append(c); // Ruby reads an unknown letter escape as the letter; Java rejects it
                } else if (c < 0x80) {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
            }
        }
    }

    private void backReference() {
        char open = at(pos);
        char close = open == '<' ? '>' : open == '\'' ? '\'' : 0;
        int end = close == 0 ? -1 : src.indexOf(close, pos + 1);
        if (end < 0) {
            throw error("invalid backref");
        }
        String name = src.substring(pos + 1, end);
        pos = end + 1;
        int group;
        if (name.matches("\\d+")) {
            group = Integer.parseInt(name);
        } else {
            List<Integer> g = named.get(name);
            if (g == null) {
                throw error("undefined name <" + name + "> reference");
            }
            group = g.get(g.size() - 1);
        }
        out.append("(?:\\").append(group).append(')');
    }

    private void hexEscape() {
        if (at(pos) == '{') {
            int end = src.indexOf('}', pos);
            out.append("\\x").append(src, pos, end + 1);
            pos = end + 1;
            return;
        }
        int n = isHex(at(pos)) ? (isHex(at(pos + 1)) ? 2 : 1) : 0;
        if (n == 0) {
            throw error("invalid hex escape");
        }
        out.append("\\x").append(n == 1 ? "0" : "").append(src, pos, pos + n);
        pos += n;
    }

    private void unicodeEscape() {
        if (at(pos) == '{') {
            int end = src.indexOf('}', pos);
            if (end < 0) {
                throw error("invalid Unicode escape");
            }
            for (String cp : src.substring(pos + 1, end).trim().split("\\s+")) {
                out.append("\\x{").append(cp).append('}');
            }
            pos = end + 1;
        } else {
            out.append("\\u");
        }
    }

    private void property(boolean negated) {
        if (at(pos) != '{') {
            throw error("invalid character property name");
        }
        int end = src.indexOf('}', pos);
        if (end < 0) {
            throw error("invalid character property name");
        }
        String name = src.substring(pos + 1, end);
        pos = end + 1;
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        out.append(PosixClasses.property(name, negated, classDepth > 0));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private char peek() {
        return at(pos);
    }

    private char at(int i) {
        return i < src.length() ? src.charAt(i) : 0;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid regexp /" + src + "/: " + what);
    }
}
