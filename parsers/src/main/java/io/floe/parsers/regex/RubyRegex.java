package io.floe.parsers.regex;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Ruby (Onigmo) regular expression, as written in fluent.conf, compiled to a {@link Pattern} that matches
 * the same texts. Where the two dialects differ the source is rewritten (see {@link RubyRegexTranslator}):
 * <ul>
 *   <li>Ruby's {@code ^} and {@code $} always match at line boundaries and {@code .} stops only at
 *       {@code \n}: every pattern gets MULTILINE and UNIX_LINES, and {@code ^} becomes {@code (?<![^\n])}
 *       because Java's does not match in an empty text or after a final newline.</li>
 *   <li>Ruby's {@code m} flag (and {@code (?m)}) is Java's DOTALL ({@code (?s)}); {@code i} adds UNICODE_CASE.</li>
 *   <li>Named groups are renumbered: Java names allow only letters and digits, Ruby's also {@code _} (and we
 *       accept any name). As in Ruby, plain {@code (...)} groups do not capture when named groups exist.
 *       {@code \k<name>} becomes a numbered back reference.</li>
 *   <li>{@code \h}/{@code \H} are hex digits in Ruby (horizontal space in Java); {@code \v} is the vertical tab;
 *       {@code \b} in a class is backspace; {@code \0} is NUL; {@code \xH} may have one digit; {@code &#92;u{H}}.</li>
 *   <li>POSIX brackets {@code [[:alpha:]]} and {@code \p{Alpha}} are Unicode-aware, as in Ruby.</li>
 *   <li>A {@code {} that does not start a valid interval is a literal in Ruby; {@code {,n}} is {@code {0,n}}.</li>
 *   <li>{@code (?#...)} comments are dropped; an unknown escape of a letter is the letter.</li>
 *   <li>Not translatable, reported as a config error: {@code \g<name>} calls, {@code \K}, the absence
 *       operator {@code (?~...)} and conditionals {@code (?(cond)...)}.</li>
 * </ul>
 */
public final class RubyRegex {
    public static final int IGNORECASE = 1;
    public static final int MULTILINE = 4;
    public static final int EXTENDED = 2;

    private final Pattern pattern;
    private final String source;
    private final List<String> names;
    private final int[][] groups;
    /** Every match starts at a line start (a leading ^ and no | outside groups). */
    private boolean lineAnchored;

    private RubyRegex(Pattern pattern, String source, Map<String, List<Integer>> named) {
        this.pattern = pattern;
        this.source = source;
        this.names = List.copyOf(named.keySet());
        this.groups = new int[names.size()][];
        int i = 0;
        for (List<Integer> g : named.values()) {
            groups[i++] = g.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * A value of a Fluentd {@code :regexp} parameter: {@code /source/} with up to two flag letters after the
     * closing slash (only {@code i} and {@code m} count, as in Fluentd), or the bare source.
     */
    public static RubyRegex fromConfig(String value) {
        if (!value.startsWith("/")) {
            return compile(value, 0);
        }
        int right = value.lastIndexOf('/');
        if (right == 0 || right < value.length() - 3) {
            throw new IllegalArgumentException("invalid regexp: missing right slash: " + value);
        }
        String options = value.substring(right + 1);
        int flags = (options.contains("i") ? IGNORECASE : 0) | (options.contains("m") ? MULTILINE : 0);
        return compile(value.substring(1, right), flags);
    }

    /** Compiles a Ruby source with Ruby's option bits ({@link #IGNORECASE}, {@link #EXTENDED}, {@link #MULTILINE}). */
    public static RubyRegex compile(String source, int rubyFlags) {
        RubyRegexTranslator t = RubyRegexTranslator.translate(source, (rubyFlags & EXTENDED) != 0);
        int flags = Pattern.MULTILINE | Pattern.UNIX_LINES;
        if ((rubyFlags & IGNORECASE) != 0) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if ((rubyFlags & MULTILINE) != 0) {
            flags |= Pattern.DOTALL;
        }
        if ((rubyFlags & EXTENDED) != 0) {
            flags |= Pattern.COMMENTS;
        }
        try {
            RubyRegex r = new RubyRegex(Pattern.compile(t.java(), flags), source, t.named());
            r.lineAnchored = (rubyFlags & EXTENDED) == 0 && anchoredAtLineStart(source);
            return r;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regexp /" + source + "/: " + e.getDescription()
                    + " (as Java regex: " + t.java() + ")", e);
        }
    }

    public Pattern pattern() {
        return pattern;
    }

    /** The Ruby source as written. */
    public String source() {
        return source;
    }

    /** The distinct group names, in the order they first appear. */
    public List<String> names() {
        return names;
    }

    /** Ruby's {@code m[name]}: with a name used twice, the group that took part in the match. */
    public String group(Matcher m, int nameIndex) {
        int[] g = groups[nameIndex];
        String v = m.group(g[0]);
        for (int i = 1; i < g.length; i++) {
            String other = m.group(g[i]);
            if (other != null) {
                v = other;
            }
        }
        return v;
    }

    /**
     * Ruby's {@code =~}: does the pattern match anywhere in the text. A pattern anchored at a line start
     * (the usual {@code /^.../} of a grep) is tried at offset 0 only when the text is one line: find() would
     * try the ^ at every offset.
     */
    public boolean find(CharSequence text) {
        Matcher m = pattern.matcher(text);
        return lineAnchored && !hasNewline(text) ? m.lookingAt() : m.find();
    }

    private static boolean hasNewline(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    /** A leading ^ with no alternative beside it: no | outside parentheses and character classes. */
    static boolean anchoredAtLineStart(String source) {
        if (!source.startsWith("^")) {
            return false;
        }
        int depth = 0;
        boolean inClass = false;
        for (int i = 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth <= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "/" + source + "/";
    }
}
