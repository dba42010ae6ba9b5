package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The rotated copies of a log file: in the directory of the real file (after symlinks), the files named
 * {@code <name>.<something>} that are not compressed, e.g. Docker's {@code x-json.log.1}, {@code .2} and the
 * kubelet's {@code 0.log.20260101-120000}. Used to finish a file that was rotated away while it was being
 * read (or while the agent was down) and to read, in order, the ones that came and went after it: a fast
 * run of rotations then costs no lines, which Fluentd is known to lose (fluentd#3434, daemonset#465).
 *
 * <p>Their order comes from their names, not their times: files rotated within one clock tick share a
 * modification time. A small number ({@code .1}, {@code .2}: Docker, logrotate) counts back from the newest;
 * anything else (the kubelet's {@code .20260101-120000}, dates) sorts as written, oldest first.
 */
final class RotatedSiblings {
    record Sibling(Path path, FileIdentity id) {
    }

    private static final List<String> COMPRESSED = List.of(".gz", ".bz2", ".xz", ".zst", ".zip", ".lz4", ".Z", ".tgz");
    /** Oldest first. */
    private static final Comparator<Sibling> ROTATION_ORDER = RotatedSiblings::compare;

    private RotatedSiblings() {
    }

    /** How many listings a run of renames going on in the directory may spoil before one is taken as it is. */
    private static final int LISTING_ATTEMPTS = 20;

    /**
     * The siblings of the file behind {@code live}, oldest first. A listing is only trusted when the next one
     * agrees with it: while a rotation renames {@code .1} to {@code .2} and on, a name read from the directory
     * can hold another file by the time it is looked at, and the file moved away is then in neither place.
     */
    static List<Sibling> list(Path live) {
        List<Sibling> before = listOnce(live);
        for (int i = 1; i < LISTING_ATTEMPTS; i++) {
            List<Sibling> now = listOnce(live);
            if (sameFilesUnderSameNames(now, before)) {
                return now;
            }
            before = now;
        }
        return before;
    }

    private static boolean sameFilesUnderSameNames(List<Sibling> a, List<Sibling> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).path().equals(b.get(i).path()) || a.get(i).id().inode() != b.get(i).id().inode()) {
                return false;
            }
        }
        return true;
    }

    private static List<Sibling> listOnce(Path live) {
        Path real = realFile(live);
        Path dir = real.getParent();
        String prefix = real.getFileName() + ".";
        List<Sibling> out = new ArrayList<>();
        if (dir == null) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && COMPRESSED.stream().noneMatch(n::endsWith)) {
                    FileIdentity id = FileIdentity.statQuietly(p);
                    if (id != null && id.regular()) {
                        out.add(new Sibling(p, id));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort(ROTATION_ORDER);
        return out;
    }

    private static int compare(Sibling a, Sibling b) {
        String sa = suffix(a);
        String sb = suffix(b);
        int na = smallNumber(sa);
        int nb = smallNumber(sb);
        if (na >= 0 && nb >= 0) {
            return Integer.compare(nb, na);
        }
        if (na < 0 && nb < 0) {
            return sa.compareTo(sb);
        }
        return Long.compare(a.id().mtimeNanos(), b.id().mtimeNanos());
    }

    private static String suffix(Sibling s) {
        String n = s.path().getFileName().toString();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /** The suffix as a rotation count (at most 4 digits; longer digit runs are dates), or -1. */
    private static int smallNumber(String suffix) {
        if (suffix.isEmpty() || suffix.length() > 4) {
            return -1;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (!Character.isDigit(suffix.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(suffix);
    }

    static Sibling withInode(List<Sibling> siblings, long inode) {
        for (Sibling s : siblings) {
            if (s.id().inode() == inode) {
                return s;
            }
        }
        return null;
    }

    /**
     * The siblings rotated after the one with inode {@code after}, without the excluded inodes, oldest first.
     * When that one is gone, those last modified at or after {@code sinceNanos}.
     */
    static List<Sibling> after(List<Sibling> siblings, long after, long sinceNanos, Set<Long> excluded) {
        for (int i = 0; i < siblings.size(); i++) {
            if (siblings.get(i).id().inode() == after) {
                List<Sibling> out = new ArrayList<>(siblings.subList(i + 1, siblings.size()));
                out.removeIf(s -> excluded.contains(s.id().inode()));
                return out;
            }
        }
        return since(siblings, sinceNanos, excluded);
    }

    /** Siblings last modified at or after {@code sinceNanos}, without the given inodes, oldest first. */
    static List<Sibling> since(List<Sibling> siblings, long sinceNanos, Set<Long> excluded) {
        List<Sibling> out = new ArrayList<>();
        for (Sibling s : siblings) {
            if (s.id().mtimeNanos() >= sinceNanos && !excluded.contains(s.id().inode())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The file a path stands for: its symlink target (even a dangling one), else the path itself. */
    static Path realFile(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            try {
                if (Files.isSymbolicLink(p)) {
                    Path t = Files.readSymbolicLink(p);
                    return t.isAbsolute() ? t : p.toAbsolutePath().getParent().resolve(t).normalize();
                }
            } catch (IOException | RuntimeException ignored) {
                // fall through: the path as written
            }
            return p.toAbsolutePath();
        }
    }
}
