package io.floe.inputs.tail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One path pattern of {@code path} or {@code exclude_path}, split at {@code /}, each part either a literal
 * name, {@code **} (any number of directories) or a wildcard matched by a regex. As Ruby's Dir.glob, which
 * Fluentd uses: {@code *} and {@code ?} do not match a leading dot; {@code [..]} is a class; braces
 * {@code {a,b}} only with {@code glob_policy always} (before Fluentd 1.17 commas split the path, so braces
 * were never usable).
 */
final class Glob {
    /** Fluentd's glob_policy. */
    enum Policy { BACKWARD_COMPATIBLE, EXTENDED, ALWAYS }

    /** One path part. {@code regex} is null for a literal. */
    record Part(String text, Pattern regex, boolean anyDirs) {
        boolean matches(String name) {
            return regex == null ? text.equals(name) : regex.matcher(name).matches();
        }
    }

    private final String pattern;
    private final List<Part> parts;
    private final boolean absolute;

    private Glob(String pattern, List<Part> parts, boolean absolute) {
        this.pattern = pattern;
        this.parts = parts;
        this.absolute = absolute;
    }

    static Glob compile(String pattern, Policy policy) {
        List<Part> parts = new ArrayList<>();
        for (String p : pattern.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("**")) {
                parts.add(new Part(p, null, true));
            } else if (hasWildcard(p, policy)) {
                parts.add(new Part(p, Pattern.compile(toRegex(p, policy)), false));
            } else {
                parts.add(new Part(unescape(p), null, false));
            }
        }
        return new Glob(pattern, List.copyOf(parts), pattern.startsWith("/"));
    }

    List<Part> parts() {
        return parts;
    }

    boolean absolute() {
        return absolute;
    }

    String pattern() {
        return pattern;
    }

    /** Whether the whole path (absolute, normalized, as the scanner produces them) matches this pattern. */
    boolean matchesPath(String path) {
        List<String> names = new ArrayList<>();
        for (String n : path.split("/")) {
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return match(0, names, 0);
    }

    private boolean match(int pi, List<String> names, int ni) {
        if (pi == parts.size()) {
            return ni == names.size();
        }
        Part p = parts.get(pi);
        if (p.anyDirs()) {
            for (int k = ni; k <= names.size(); k++) {
                if (match(pi + 1, names, k)) {
                    return true;
                }
                if (k < names.size() && names.get(k).startsWith(".")) {
                    return false;
                }
            }
            return false;
        }
        return ni < names.size() && p.matches(names.get(ni)) && match(pi + 1, names, ni + 1);
    }

    static boolean hasWildcard(String s, Policy policy) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[' || (c == '{' && policy == Policy.ALWAYS)) {
                return true;
            }
        }
        return false;
    }

    private static String toRegex(String part, Policy policy) {
        StringBuilder b = new StringBuilder();
        if (part.startsWith("*") || part.startsWith("?") || part.startsWith("[")) {
            b.append("(?!\\.)");
        }
        int braces = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < part.length()) {
                        b.append(Pattern.quote(String.valueOf(part.charAt(++i))));
                    }
                }
                case '*' -> b.append("[^/]*");
                case '?' -> b.append("[^/]");
                case '[' -> {
                    int close = part.indexOf(']', i + 2);
                    if (close < 0) {
                        b.append("\\[");
                    } else {
                        String cls = part.substring(i + 1, close);
                        b.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                        i = close;
                    }
                }
                case '{' -> {
                    if (policy == Policy.ALWAYS) {
                        braces++;
                        b.append("(?:");
                    } else {
                        b.append("\\{");
                    }
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        b.append(')');
                    } else {
                        b.append("\\}");
                    }
                }
                case ',' -> b.append(braces > 0 ? "|" : ",");
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.toString();
    }

    private static String unescape(String s) {
        return s.indexOf('\\') < 0 ? s : s.replaceAll("\\\\(.)", "$1");
    }

    /**
     * Splits {@code path} at its delimiter (default {@code ,}), except inside braces when they are glob
     * syntax; parts are trimmed, as Fluentd does.
     */
    static List<String> splitPaths(String path, String delimiter, Policy policy) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (policy == Policy.ALWAYS && c == '{') {
                depth++;
            } else if (policy == Policy.ALWAYS && c == '}' && depth > 0) {
                depth--;
            }
            if (depth == 0 && path.startsWith(delimiter, i)) {
                out.add(cur.toString().trim());
                cur.setLength(0);
                i += delimiter.length() - 1;
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        out.removeIf(String::isEmpty);
        return out;
    }
}
