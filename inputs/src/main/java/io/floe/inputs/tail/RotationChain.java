package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What to read after a rotated file is finished: the rotated copies written after it and not read yet,
 * oldest first, before the live file. Remembers the last files it finished so none is read twice.
 */
final class RotationChain {
    private static final int REMEMBERED = 16;

    private final Deque<Long> finished = new ArrayDeque<>();

    void finished(long inode) {
        finished.addLast(inode);
        while (finished.size() > REMEMBERED) {
            finished.removeFirst();
        }
    }

    /**
     * The next rotated copy of the file at {@code live} after the one with inode {@code doneInode}, opened;
     * null when the live file is next.
     *
     * @param doneMtime when the finished file was last seen written, if it is no longer next to the live one
     */
    RotatedSiblings.Sibling next(Path live, long doneInode, long doneMtime, OpenFile[] opened) throws IOException {
        List<RotatedSiblings.Sibling> siblings = RotatedSiblings.list(live);
        Set<Long> skip = new HashSet<>(finished);
        FileIdentity now = FileIdentity.statQuietly(live);
        if (now != null) {
            skip.add(now.inode());
        }
        for (RotatedSiblings.Sibling s : RotatedSiblings.after(siblings, doneInode, doneMtime, skip)) {
            OpenFile f = OpenFile.open(s.path(), s.id().inode());
            if (f != null) {
                opened[0] = f;
                return s;
            }
        }
        return null;
    }

    /** The rotated copy that has this inode, opened; null when it is gone. */
    static OpenFile reopen(Path live, long inode, long[] mtime) throws IOException {
        RotatedSiblings.Sibling s = RotatedSiblings.withInode(RotatedSiblings.list(live), inode);
        OpenFile f = s == null ? null : OpenFile.open(s.path(), inode);
        if (f != null) {
            mtime[0] = s.id().mtimeNanos();
        }
        return f;
    }
}
