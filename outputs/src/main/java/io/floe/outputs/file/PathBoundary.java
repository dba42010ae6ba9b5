package io.floe.outputs.file;

import io.floe.api.UnrecoverableException;
import io.floe.codec.text.RubyText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Keeps an event's data inside the directory a path template names. Tags and record values come from
 * clients, so a value put into a path ({@code ${tag}}, {@code ${tag[N]}}, {@code ${key}}) may add
 * directories below the template's place ({@code app/web}) but never climb out of it nor make the name
 * ambiguous: it is refused when a {@code /}-separated segment is {@code .} or {@code ..}, when it starts
 * with {@code /}, or when it holds a backslash or a control character (NUL included). This is the rule of
 * Fluentd 1.19.3 for {@code ${tag}} and {@code ${key}}.
 *
 * <p>Refusing is final for the chunk: the value is part of the chunk's key, so no retry can change it.
 */
final class PathBoundary {
    /** Linux's limits, in bytes: one name (most file systems), and a whole path. */
    private static final int NAME_MAX = 255;
    private static final int PATH_MAX = 4095;

    private PathBoundary() {
    }

    /** Why {@code value} may not stand in a path, or null when it may. */
    static String problem(String value) {
        if (value.startsWith("/")) {
            return "is an absolute path";
        }
        int segmentStart = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : '/';
            if (c == '/') {
                String segment = value.substring(segmentStart, i);
                if (segment.equals(".") || segment.equals("..")) {
                    return "has a '" + segment + "' segment";
                }
                segmentStart = i + 1;
            } else if (c == '\\') {
                return "holds a backslash";
            } else if (c == 0) {
                return "holds a NUL";
            } else if (Character.isISOControl(c)) {
                return "holds a control character";
            }
        }
        return null;
    }

    /** Throws when {@code value}, substituted for {@code placeholder}, may not stand in a path. */
    static void check(String placeholder, String value) throws UnrecoverableException {
        String problem = problem(value);
        if (problem != null) {
            throw new UnrecoverableException("refused to build a file path: the value of " + placeholder + ", "
                    + RubyText.forLog(value) + ", " + problem);
        }
    }

    /**
     * Defence in depth: the path a template resolved to lies in the template's fixed directory, the part
     * before any placeholder, compared after normalizing both so {@code ..} anywhere would show. Its names
     * also fit the file system (a name too long fails the same way on every retry).
     */
    static void checkInside(String template, String resolved) throws UnrecoverableException {
        Path dir = Path.of(fixedDirectory(template)).toAbsolutePath().normalize();
        Path file = Path.of(resolved).toAbsolutePath().normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new UnrecoverableException("refused to build a file path: " + RubyText.forLog(resolved)
                    + " is not inside " + RubyText.forLog(dir.toString()));
        }
        for (Path name : dir.relativize(file)) {
            int bytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > NAME_MAX) {
                throw new UnrecoverableException("refused to build a file path: " + RubyText.forLog(resolved)
                        + " has a name of " + bytes + " bytes, more than the " + NAME_MAX + " a file system takes");
            }
        }
        int bytes = file.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PATH_MAX) {
            throw new UnrecoverableException("refused to build a file path: " + RubyText.forLog(resolved)
                    + " is " + bytes + " bytes long, more than the " + PATH_MAX + " a file system takes");
        }
    }

    /** The directory part of the template's text before its first placeholder, time directive or '*'. */
    static String fixedDirectory(String template) {
        int end = template.length();
        for (String s : new String[] {"${", "%", "*", PathTemplate.INDEX}) {
            int at = template.indexOf(s);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        int slash = template.lastIndexOf('/', end - 1);
        return slash < 0 ? "" : slash == 0 ? "/" : template.substring(0, slash);
    }
}
