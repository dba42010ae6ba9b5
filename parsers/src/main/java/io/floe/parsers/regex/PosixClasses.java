package io.floe.parsers.regex;

import java.util.Locale;
import java.util.Map;

/**
 * Ruby's POSIX brackets and character properties in Java syntax. Ruby's are Unicode-aware for UTF-8 text,
 * Java's {@code \p{Alpha}} is ASCII-only, so they map to Unicode properties.
 */
final class PosixClasses {
    /** Class contents (without the brackets) of each POSIX class. */
    private static final Map<String, String> CONTENTS = Map.ofEntries(
            Map.entry("alnum", "\\p{IsAlphabetic}\\p{IsDigit}"),
            Map.entry("alpha", "\\p{IsAlphabetic}"),
            Map.entry("ascii", "\\x00-\\x7F"),
            Map.entry("blank", "\\p{Zs}\\t"),
            Map.entry("cntrl", "\\p{Cc}"),
            Map.entry("digit", "\\p{IsDigit}"),
            Map.entry("graph", "[^\\p{IsWhite_Space}\\p{Cc}\\p{Cn}\\p{Cs}]"),
            Map.entry("lower", "\\p{IsLowercase}"),
            Map.entry("print", "[^\\p{Cc}\\p{Cn}\\p{Cs}\\p{Zl}\\p{Zp}]"),
            // Onigmo counts the ASCII symbols as punctuation too.
            Map.entry("punct", "\\p{IsPunctuation}\\$+<=>\\^`|~"),
            Map.entry("space", "\\p{IsWhite_Space}"),
            Map.entry("upper", "\\p{IsUppercase}"),
            Map.entry("xdigit", "0-9A-Fa-f"),
            Map.entry("word", "\\p{IsAlphabetic}\\p{Mn}\\p{Nd}\\p{Pc}"));

    private PosixClasses() {
    }

    /** {@code [:name:]} or {@code [:^name:]} inside a class; null when it is not a POSIX class name. */
    static String bracket(String name) {
        boolean negated = name.startsWith("^");
        String c = CONTENTS.get(negated ? name.substring(1) : name);
        if (c == null) {
            return null;
        }
        return negated ? "[^" + c + "]" : c;
    }

    /** {@code \p{Name}} / {@code \P{Name}} / {@code \p{^Name}}. */
    static String property(String name, boolean negated, boolean inClass) {
        String c = CONTENTS.get(name.toLowerCase(Locale.ROOT));
        if (c != null) {
            if (negated) {
                return "[^" + c + "]";
            }
            return inClass ? c : "[" + c + "]";
        }
        // General categories (L, Lu, Nd) read the same; scripts and binary properties take Java's "Is" prefix.
        String java = name.length() <= 2 ? name : "Is" + name;
        return (negated ? "\\P{" : "\\p{") + java + "}";
    }
}
