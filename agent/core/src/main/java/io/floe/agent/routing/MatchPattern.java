package io.floe.agent.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Fluentd tag pattern, compiled to a regular expression once: {@code *} is one tag part,
 * {@code **} zero or more parts, {@code {a,b}} either alternative, {@code /re/} a regular expression,
 * and several space-separated patterns match when any does ({@code <match a.** b.*>}).
 */
public final class MatchPattern {
    private final String text;
    private final List<Pattern> alternatives;

    private MatchPattern(String text, List<Pattern> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** Parses the argument of a {@code <match>} or {@code <filter>}; an empty one means {@code **}. */
    public static MatchPattern parse(String arg) {
        String t = arg.trim();
        if (t.isEmpty()) {
            t = "**";
        }
        List<Pattern> out = new ArrayList<>();
        for (String one : t.split("\\s+")) {
            out.add(compile(one));
        }
        return new MatchPattern(t, List.copyOf(out));
    }

    public boolean matches(String tag) {
        for (Pattern p : alternatives) {
            if (p.matcher(tag).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    static Pattern compile(String glob) {
        if (glob.length() >= 2 && glob.startsWith("/") && glob.endsWith("/")) {
            return Pattern.compile(glob.substring(1, glob.length() - 1));
        }
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException("invalid match pattern '" + glob + "': a regular expression must end with '/'");
        }
        return Pattern.compile(new GlobTranslator(glob).translate());
    }

    /** Translates one glob to a regex, alternatives {@code {a,b}} nesting through a stack. */
    private static final class GlobTranslator {
        private final String glob;
        private final List<List<String>> alternatives = new ArrayList<>();
        private final List<StringBuilder> parts = new ArrayList<>();
        private boolean pendingDot;

        GlobTranslator(String glob) {
            this.glob = glob;
            parts.add(new StringBuilder());
        }

        String translate() {
            int i = 0;
            while (i < glob.length()) {
                char c = glob.charAt(i);
                if (c == '\\' && i + 1 < glob.length()) {
                    flushDot();
                    current().append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                    i += 2;
                    continue;
                }
                if (glob.startsWith("**", i)) {
                    if (pendingDot) {
                        // "a.**" also matches "a" itself, but not "ab".
                        current().append("(?![^.])");
                        pendingDot = false;
                    }
                    if (i + 2 < glob.length() && glob.charAt(i + 2) == '.') {
                        current().append("(?:.*\\.|^)");
                        i += 3;
                    } else {
                        current().append(".*");
                        i += 2;
                    }
                    continue;
                }
                flushDot();
                switch (c) {
                    case '.' -> pendingDot = true;
                    case '*' -> current().append("[^.]*");
                    case '{' -> {
                        alternatives.add(new ArrayList<>());
                        parts.add(new StringBuilder());
                    }
                    case ',' -> {
                        if (alternatives.isEmpty()) {
                            current().append(',');
                        } else {
                            last().add(pop());
                            parts.add(new StringBuilder());
                        }
                    }
                    case '}' -> {
                        if (alternatives.isEmpty()) {
                            current().append("\\}");
                        } else {
                            closeGroup();
                        }
                    }
                    default -> current().append(Character.isLetterOrDigit(c) || c == '_' ? String.valueOf(c) : Pattern.quote(String.valueOf(c)));
                }
                i++;
            }
            flushDot();
            while (!alternatives.isEmpty()) {
                closeGroup();
            }
            return current().toString();
        }

        private void closeGroup() {
            last().add(pop());
            List<String> alts = alternatives.remove(alternatives.size() - 1);
            current().append("(?:").append(String.join("|", alts)).append(')');
        }

        private void flushDot() {
            if (pendingDot) {
                current().append("\\.");
                pendingDot = false;
            }
        }

        private StringBuilder current() {
            return parts.get(parts.size() - 1);
        }

        private String pop() {
            return parts.remove(parts.size() - 1).toString();
        }

        private List<String> last() {
            return alternatives.get(alternatives.size() - 1);
        }
    }
}
