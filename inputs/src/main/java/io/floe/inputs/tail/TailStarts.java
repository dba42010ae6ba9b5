package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where reading of a newly found file begins, with Fluentd's rules (in_tail's {@code on_rotate} for a
 * first look): its pos_file entry when the inode is the same (from the start if the file is now shorter);
 * the start of the file when the entry's inode is another (rotated while the agent was down); for a file
 * without an entry, the end when found at start-up without read_from_head, else the start. Floe adds one
 * thing: when the entry's inode is now a rotated copy next to the file, that copy is read on from the
 * entry's position first, then the copies after it, so a restart during a rotation loses nothing.
 */
final class TailStarts {
    private final TailEnv env;
    private final boolean readFromHead;

    TailStarts(TailEnv env, boolean readFromHead) {
        this.env = env;
        this.readFromHead = readFromHead;
    }

    /** A TailFile for a path a scan found, or null when it cannot be opened now (warned). */
    TailFile open(String path, FileIdentity id, boolean atStartup, long now) throws IOException {
        PositionEntry entry = env.followInodes ? env.positions.byInode(id.inode()) : env.positions.get(path);
        boolean reused = entry != null && entry.inode == id.inode() && atStartup && env.positions.bornAfterLastWrite(id);
        if (entry != null && entry.inode == id.inode() && !reused) {
            long pos = id.size() < entry.position ? 0 : entry.position;
            return live(path, entry, pos, id, now);
        }
        if (reused) {
            env.warnings.log().info("{} is a new file that got the inode number ({}) of the file its pos_file entry was for",
                    path, id.inode());
        }
        if (env.followInodes) {
            if (reused) {
                env.positions.unwatch(entry);
            }
            // A path seen before with another inode: the new file came by rotation, so from its start.
            long pos = env.positions.get(path) != null || !atStartup || readFromHead ? 0 : id.size();
            return live(path, env.positions.add(path, pos, id.inode()), pos, id, now);
        }
        if (entry == null) {
            long pos = !atStartup || readFromHead ? 0 : id.size();
            return live(path, env.positions.add(path, pos, id.inode()), pos, id, now);
        }
        TailFile rotated = reused ? gone(path, entry, id) : rotatedWhileDown(path, entry, id, now);
        return rotated != null ? rotated : live(path, entry, 0, id, now);
    }

    private TailFile live(String path, PositionEntry entry, long pos, FileIdentity id, long now) throws IOException {
        OpenFile f = openOrWarn(Path.of(path), id.inode(), path, now);
        if (f == null) {
            return null;
        }
        if (entry.position != pos || entry.inode != f.inode) {
            env.positions.update(entry, pos, f.inode);
        }
        env.warnings.log().info("following tail of {}", path);
        return new TailFile(path, entry, new FileCursor(f, path, pos, env), true, id.mtimeNanos(), env);
    }

    /** The entry's inode is not the path's file any more: finish it where it went, if it is still next to it. */
    private TailFile rotatedWhileDown(String path, PositionEntry entry, FileIdentity live, long now) throws IOException {
        List<RotatedSiblings.Sibling> siblings = RotatedSiblings.list(Path.of(path));
        RotatedSiblings.Sibling was = RotatedSiblings.withInode(siblings, entry.inode);
        if (was != null) {
            OpenFile f = OpenFile.open(was.path(), entry.inode);
            if (f != null) {
                long pos = was.id().size() < entry.position ? 0 : entry.position;
                env.warnings.log().info("{} was rotated while stopped: reading {} on from position {}", path, was.path(), pos);
                env.positions.update(entry, pos, f.inode);
                return new TailFile(path, entry, new FileCursor(f, path, pos, env), false, was.id().mtimeNanos(), env);
            }
        }
        return gone(path, entry, live);
    }

    /** The entry's file is gone: warn, then read the rotated copies made since the last position was written. */
    private TailFile gone(String path, PositionEntry entry, FileIdentity live) throws IOException {
        env.warnings.log().warn("{} was rotated while stopped and its file (inode {}) is gone; lines after position {} of it "
                + "may be lost", path, entry.inode, entry.position);
        List<RotatedSiblings.Sibling> siblings = RotatedSiblings.list(Path.of(path));
        for (RotatedSiblings.Sibling s : RotatedSiblings.since(siblings, env.positions.mtimeAtOpenNanos(), Set.of(live.inode()))) {
            OpenFile f = OpenFile.open(s.path(), s.id().inode());
            if (f != null) {
                env.positions.update(entry, 0, f.inode);
                return new TailFile(path, entry, new FileCursor(f, path, 0, env), false, s.id().mtimeNanos(), env);
            }
        }
        return null;
    }

    /**
     * follow_inodes: an entry whose inode no scanned path has, still in a rotated copy next to its path:
     * read to its end, then let go. Null when the inode is nowhere.
     */
    TailFile orphan(PositionEntry entry, long now) throws IOException {
        RotatedSiblings.Sibling s = RotatedSiblings.withInode(RotatedSiblings.list(Path.of(entry.path)), entry.inode);
        OpenFile f = s == null ? null : OpenFile.open(s.path(), entry.inode);
        if (f == null) {
            return null;
        }
        long pos = s.id().size() < entry.position ? 0 : entry.position;
        return new TailFile(entry.path, entry, new FileCursor(f, entry.path, pos, env), false, s.id().mtimeNanos(), env);
    }

    /** Whether an entry's file can be gone for good: not even its directory is left (a removed container). */
    static boolean directoryGone(PositionEntry e) {
        Path dir = RotatedSiblings.realFile(Path.of(e.path)).getParent();
        return dir == null || !Files.isDirectory(dir);
    }

    private OpenFile openOrWarn(Path p, long inode, String path, long now) {
        try {
            OpenFile f = OpenFile.open(p, inode);
            if (f != null) {
                env.warnings.clear(path);
            }
            return f;
        } catch (IOException e) {
            env.warnings.unreadable(path, "cannot open " + path + ": " + e, now);
            return null;
        }
    }
}
