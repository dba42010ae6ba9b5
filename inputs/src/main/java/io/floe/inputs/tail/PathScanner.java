package io.floe.inputs.tail;

import io.floe.codec.time.Strftime;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the files {@code path} names: each comma-separated pattern, with strftime fields ({@code %Y%m%d})
 * filled in from the current time, expanded as a glob, minus what {@code exclude_path} matches. Also
 * reports every directory it looked into, so the watcher can be told where new files may appear.
 */
final class PathScanner {
    /** What one scan found: candidate paths as written by the pattern (not resolved), and the directories read. */
    record Scan(Map<String, Path> paths, Set<Path> directories) {
    }

    private final List<Strftime> patterns;
    private final List<Glob> excludes;
    private final Glob.Policy policy;
    private final ZoneId zone;
    private final Consumer<String> problems;

    /**
     * @param problems receives a message for a directory that cannot be read (anything but "not there")
     */
    PathScanner(List<String> patterns, List<String> excludes, Glob.Policy policy, ZoneId zone, Consumer<String> problems) {
        List<Strftime> compiled = new ArrayList<>();
        for (String p : patterns) {
            compiled.add(Strftime.compile(p));
        }
        this.patterns = List.copyOf(compiled);
        this.policy = policy;
        this.zone = zone;
        this.problems = problems;
        List<Glob> ex = new ArrayList<>();
        for (String e : excludes) {
            ex.add(Glob.compile(absolute(e), policy));
        }
        this.excludes = List.copyOf(ex);
    }

    Scan scan() {
        Map<String, Path> found = new LinkedHashMap<>();
        Set<Path> dirs = new LinkedHashSet<>();
        Instant now = Instant.now();
        for (Strftime p : patterns) {
            String expanded = absolute(p.format(now.getEpochSecond(), now.getNano(), zone));
            Glob g = Glob.compile(expanded, policy);
            // Where the pattern's fixed part stops existing, a directory may yet be made: watch the last one that exists.
            Path ancestor = deepestExisting(g);
            if (ancestor != null) {
                dirs.add(ancestor);
            }
            List<String> out = new ArrayList<>();
            expand(g, 0, "", out, dirs);
            for (String path : out) {
                if (!excluded(path)) {
                    found.putIfAbsent(path, Path.of(path));
                }
            }
        }
        return new Scan(found, dirs);
    }

    boolean excluded(String path) {
        for (Glob e : excludes) {
            if (e.matchesPath(path)) {
                return true;
            }
        }
        return false;
    }

    private void expand(Glob g, int i, String prefix, List<String> out, Set<Path> dirs) {
        List<Glob.Part> parts = g.parts();
        if (i == parts.size()) {
            out.add(prefix.isEmpty() ? "/" : prefix);
            return;
        }
        Glob.Part part = parts.get(i);
        Path dir = Path.of(prefix.isEmpty() ? "/" : prefix);
        if (part.regex() == null && !part.anyDirs()) {
            // A literal part: no listing needed; the parent is still a place where it may appear later.
            if (i == parts.size() - 1) {
                dirs.add(dir);
            }
            expand(g, i + 1, prefix + "/" + part.text(), out, dirs);
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        dirs.add(dir);
        List<String> names = list(dir);
        if (part.anyDirs()) {
            expand(g, i + 1, prefix, out, dirs);
            for (String n : names) {
                Path child = dir.resolve(n);
                if (!n.startsWith(".") && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    expand(g, i, prefix + "/" + n, out, dirs);
                }
            }
            return;
        }
        for (String n : names) {
            if (part.matches(n)) {
                expand(g, i + 1, prefix + "/" + n, out, dirs);
            }
        }
    }

    private static Path deepestExisting(Glob g) {
        Path p = Path.of("/");
        for (Glob.Part part : g.parts()) {
            if (part.regex() != null || part.anyDirs()) {
                break;
            }
            Path next = p.resolve(part.text());
            if (!Files.isDirectory(next)) {
                break;
            }
            p = next;
        }
        return p;
    }

    private List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return names;
        } catch (IOException | RuntimeException e) {
            problems.accept("cannot list " + dir + ": " + e);
        }
        names.sort(null);
        return names;
    }

    private static String absolute(String p) {
        return Path.of(p).isAbsolute() ? p : Path.of("").toAbsolutePath().resolve(p).toString();
    }
}
