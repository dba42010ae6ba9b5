package io.floe.conf.parse;

import io.floe.conf.ConfigException;
import io.floe.conf.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves the target of {@code @include} (and YAML's {@code !include}) to files, and remembers which
 * files are being read so that a file including itself, directly or not, is reported instead of looping.
 */
final class IncludeFiles {
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:");
    private static final String GLOB_CHARS = "*?[{";

    private final Deque<Path> reading = new ArrayDeque<>();

    /**
     * The files {@code spec} names, relative to {@code baseDir} unless absolute. A glob expands to the
     * matching regular files sorted by path (nothing matching is fine, as in Fluentd); a plain path must exist.
     */
    static List<Path> resolve(String spec, Path baseDir, Location where) {
        String pathText = spec;
        if (URI_SCHEME.matcher(spec).find()) {
            if (!spec.startsWith("file:")) {
                throw new ConfigException(where, "include error " + spec + ": only local files can be included");
            }
            pathText = URI.create(spec).getPath();
        }
        Path pattern;
        try {
            Path p = Path.of(pathText);
            pattern = (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).normalize();
        } catch (IllegalArgumentException e) { // InvalidPathException, or a malformed file: URI
            throw new ConfigException(where, "include error " + spec + ": " + e.getMessage());
        }
        if (!hasGlob(pathText)) {
            if (!Files.isRegularFile(pattern)) {
                String why = Files.isDirectory(pattern) ? "is a directory" : "no such file";
                throw new ConfigException(where, "include error " + spec + ": " + why + " (" + pattern + ")");
            }
            return List.of(pattern);
        }
        return expand(pattern, spec, where);
    }

    private static boolean hasGlob(String s) {
        return s.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    private static List<Path> expand(Path pattern, String spec, Location where) {
        // Walk from the deepest directory without glob characters and match the rest relative to it, so
        // the paths found keep the form of the pattern (relative stays relative for Locations).
        int fixed = 0;
        while (fixed < pattern.getNameCount() - 1 && !hasGlob(pattern.getName(fixed).toString())) {
            fixed++;
        }
        Path base = fixed == 0 ? pattern.getRoot() : prefix(pattern, fixed);
        Path walkFrom = base == null ? Path.of(".") : base;
        Path rest = pattern.subpath(fixed, pattern.getNameCount());
        if (!Files.isDirectory(walkFrom)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.toString().contains("**") ? Integer.MAX_VALUE : rest.getNameCount();
        // Like Ruby's Dir.glob, '*' does not pick up dot files unless the pattern asks for them.
        boolean dotFiles = rest.getFileName().toString().startsWith(".");
        try (Stream<Path> files = Files.walk(walkFrom, depth)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> base == null ? walkFrom.relativize(f) : f)
                    .filter(f -> matcher.matches(base == null ? f : base.relativize(f)))
                    .filter(f -> dotFiles || !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException(where, "include error " + spec + ": " + e.getMessage());
        }
    }

    private static Path prefix(Path p, int names) {
        Path sub = p.subpath(0, names);
        return p.getRoot() == null ? sub : p.getRoot().resolve(sub);
    }

    /** Marks {@code file} as being read; a ConfigException at {@code where} if it already is (a cycle). */
    void enter(Path file, Location where) {
        Path real = realPath(file);
        if (reading.contains(real)) {
            StringBuilder chain = new StringBuilder();
            reading.descendingIterator().forEachRemaining(p -> chain.append(p.getFileName()).append(" -> "));
            throw new ConfigException(where, "include cycle: " + chain + real.getFileName()
                    + " (a file may not include itself)");
        }
        reading.push(real);
    }

    void leave() {
        reading.pop();
    }

    /** {@code baseDir/fileName}, or null when the name is not a path ("(stdin)" on some systems, say). */
    static Path pathOf(Path baseDir, String fileName) {
        try {
            return (baseDir == null ? Path.of("") : baseDir).resolve(fileName);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
