package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One watched file: reads it in batches, hands each batch to the outputs and only then moves its pos_file
 * entry, and follows it through truncation and rotation. In path mode (the default) the entry always
 * describes the file being read for the path: the live file, or a rotated copy that still has unread
 * lines. When the path gets a new file, the old one is read to its end first, then any rotated copies that
 * came and went after it ({@link RotatedSiblings}), then the new file from its start; the old descriptor
 * stays open for rotate_wait in case a writer still appends to it. With follow_inodes the entry belongs to
 * the inode, and a new file at the path gets its own TailFile.
 */
final class TailFile {
    private static final long SECOND = 1_000_000_000L;
    /** A file not written for this long gives its read buffer back (a busy one keeps it: no garbage per line). */
    private static final long IDLE_NANOS = 5 * SECOND;

    String path;
    Path fsPath;
    /** The file behind a symlinked path: where inotify reports its writes. */
    private Path realPath;
    final String tag;
    final PositionEntry entry;
    private final TailEnv env;
    private final LineAssembler.Out sink;
    private final RotatedFiles rotated;
    private final RotationChain chain = new RotationChain();
    private final ReadRate rate;
    private FileCursor current;
    private boolean onLivePath;
    private long lastMtime;
    private long rotationSeen = -1;
    private long retryAt;
    private boolean dead;
    private boolean rescanWanted;
    private boolean busy = true;
    private long lastData;

    TailFile(String path, PositionEntry entry, FileCursor first, boolean onLivePath, long mtime, TailEnv env) {
        this.path = path;
        this.fsPath = Path.of(path);
        this.realPath = RotatedSiblings.realFile(fsPath);
        this.tag = env.tag.forPath(path);
        this.entry = entry;
        this.env = env;
        this.current = first;
        this.onLivePath = onLivePath;
        this.lastMtime = mtime;
        this.sink = (text, start) -> env.events.add(text, this.path, env.emitter.out(), env.emitter.errors);
        this.rotated = new RotatedFiles(env, tag, sink);
        this.rate = new ReadRate(env.bytesPerSecond);
    }

    boolean dead() {
        return dead;
    }

    /** True once after this file saw a sign that new files may have appeared (a rotation). */
    boolean takeRescanWanted() {
        boolean r = rescanWanted;
        rescanWanted = false;
        return r;
    }

    /** follow_inodes: a scan found this inode under a matched path (maybe renamed): keep following it. */
    void seenAt(String newPath) {
        path = newPath;
        fsPath = Path.of(newPath);
        realPath = RotatedSiblings.realFile(fsPath);
        rotationSeen = -1;
    }

    /**
     * Whether this file needs a look now: it changed (an inotify event for it), its last look was cut short
     * by a limit, or a deadline of its own is due. The loop also looks at every file once a second.
     */
    boolean wanted(java.util.Set<Path> changed, long now) {
        return busy || changed.contains(fsPath) || changed.contains(realPath) || nextDeadline(now) <= now;
    }

    /**
     * Reads what is new, hands it on, and looks for truncation or rotation at the end of the file.
     *
     * @return whether another turn is worthwhile without waiting
     */
    boolean poll(long now) throws InterruptedException {
        boolean progress = pollOnce(now);
        busy = progress;
        return progress;
    }

    private boolean pollOnce(long now) throws InterruptedException {
        boolean progress = rotated.poll(now);
        if (dead || now < retryAt) {
            return progress;
        }
        try {
            for (int turn = 0; turn < TailEnv.BATCHES_PER_TURN; turn++) {
                long budget = rate.budget(now);
                if (budget == 0) {
                    retryAt = rate.nextWindow();
                    break;
                }
                int lines = current.read(env.readLinesLimit, budget, now, sink);
                rate.used(current.lastBytes());
                if (!emitAndCommit(now)) {
                    return true;
                }
                if (lines == 0 && current.lastBytes() == 0) {
                    break;
                }
                progress = true;
                if (current.exhausted()) {
                    break;
                }
            }
            if (progress) {
                lastData = now;
            }
            if (current.exhausted()) {
                progress |= atEnd(now);
                if (now - lastData > IDLE_NANOS && !current.assembler.hasPending()) {
                    current.idle();
                }
            }
        } catch (IOException e) {
            env.warnings.warn("read:" + path, "cannot read " + path + ": " + e, now);
            retryAt = now + SECOND;
        }
        return progress;
    }

    /** Emits the batch; once the outputs hold it, the entry moves to what the assembler has handed on. */
    private boolean emitAndCommit(long now) throws InterruptedException, IOException {
        if (!env.emitter.emit(tag)) {
            env.warnings.warn("emit:" + path, "emit of " + path + " failed; reading it again from offset " + entry.position
                    + " in 1s: " + env.emitter.lastFailure(), now);
            env.emitter.discard();
            rewindToEntry(now);
            retryAt = now + SECOND;
            return false;
        }
        if (current.assembler.holdsCarried()) {
            // The entry stays on the previous file (at the carried line's start) until the line is whole.
            return true;
        }
        long committed = current.assembler.committedOffset();
        if (committed != entry.position || current.file.inode != entry.inode) {
            env.positions.update(entry, committed, current.file.inode);
        }
        return true;
    }

    /** Goes back to what the entry says was handed on last: in this file, or in the one before (a carried line). */
    private void rewindToEntry(long now) throws IOException {
        if (entry.inode == current.file.inode) {
            current.rewind(entry.position);
            return;
        }
        long[] mtime = new long[1];
        OpenFile f = RotationChain.reopen(fsPath, entry.inode, mtime);
        if (f == null) {
            env.warnings.warn("rewind:" + path, "cannot go back to " + path + "'s previous file (gone): a line split across "
                    + "its rotation is emitted in pieces", now);
            current.rewind(0);
            env.positions.update(entry, 0, current.file.inode);
            return;
        }
        current.close();
        current = new FileCursor(f, path, entry.position, env);
        onLivePath = false;
        lastMtime = mtime[0];
    }

    /** Nothing more to read now: the file was truncated, rotated, deleted, or is just idle. */
    private boolean atEnd(long now) throws IOException, InterruptedException {
        if (onLivePath && stillTheSameFile(now)) {
            return false;
        }
        FileIdentity id;
        try {
            id = FileIdentity.stat(fsPath);
        } catch (IOException e) {
            env.warnings.unreadable(path, "cannot stat " + path + ": " + e.getMessage(), now);
            id = null;
        }
        if (id != null && id.regular() && id.inode() == current.file.inode && onLivePath) {
            rotationSeen = -1;
            lastMtime = id.mtimeNanos();
            if (id.size() < current.readOffset()) {
                return truncated(id, now);
            }
            return false;
        }
        if (current.size() > current.readOffset()) {
            // Written to after the read that found its end and before it was replaced: read that first.
            return true;
        }
        if (rotationSeen < 0) {
            rotationSeen = now;
            rescanWanted = true;
            if (onLivePath) {
                env.warnings.log().info("detected rotation of {}; waiting {} seconds", path, env.rotateWaitNanos / (double) SECOND);
            }
        }
        boolean waited = now - rotationSeen >= env.rotateWaitNanos;
        if (env.followInodes) {
            return waited && finishAndStop(now);
        }
        boolean successor = id != null && id.regular() && id.inode() != current.file.inode;
        if (successor || (waited && !onLivePath)) {
            return moveOn(now);
        }
        return waited && finishAndStop(now);
    }

    /** The cheap check first: the path still leads to the open file, which did not shrink. */
    private boolean stillTheSameFile(long now) {
        try {
            BasicFileAttributes a = FileIdentity.quick(fsPath);
            if (a == null || !a.isRegularFile() || !current.file.key.equals(a.fileKey()) || a.size() < current.readOffset()) {
                return false;
            }
            rotationSeen = -1;
            lastMtime = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** copytruncate: what is held is handed on, and the file is read again from its start. */
    private boolean truncated(FileIdentity id, long now) throws IOException, InterruptedException {
        env.warnings.log().info("detected truncation of {} (size {} < position {}): reading it from the start",
                path, id.size(), current.readOffset());
        current.assembler.flushAll(sink);
        if (!emitAndCommit(now)) {
            return true;
        }
        current.rewind(0);
        env.positions.update(entry, 0, current.file.inode);
        return true;
    }

    private boolean finishAndStop(long now) throws InterruptedException, IOException {
        current.finish(now, sink);
        if (!emitAndCommit(now)) {
            return true;
        }
        env.warnings.log().info("stopped following {}: the file is gone", path);
        current.close();
        env.positions.unwatch(entry);
        dead = true;
        return true;
    }

    /** The file read so far is complete: finish it, then go on with the next rotated copy or the new file. */
    private boolean moveOn(long now) throws InterruptedException, IOException {
        current.takeRemainder(now, sink);
        // Runtimes rotate between the pieces of a long line: an unfinished one goes on in the next file.
        boolean carry = current.assembler.hasOpenContainerLine();
        if (!carry) {
            current.assembler.flushAll(sink);
        }
        if (!emitAndCommit(now)) {
            return true;
        }
        FileCursor done = current;
        chain.finished(done.file.inode);
        OpenFile[] opened = new OpenFile[1];
        RotatedSiblings.Sibling copy = chain.next(fsPath, done.file.inode, lastMtime, opened);
        OpenFile live = null;
        if (copy == null) {
            live = OpenFile.open(fsPath, -1);
            if (live == null) {
                return finishAndStop(now);
            }
            // Rotations may have gone on between the listing above and this open: the file that was live then
            // can be a rotated copy by now, with others after it. Listed again once the live file is held,
            // every file that came before it is a copy in the listing, so none is skipped.
            copy = chain.next(fsPath, done.file.inode, lastMtime, opened);
            if (copy != null) {
                if (copy.id().inode() == live.inode) {
                    opened[0].close(); // the file just opened as the live one, rotated away since: read it as opened
                    opened[0] = live;
                } else {
                    live.close();
                }
                live = null;
            }
        }
        boolean nextIsLive = live != null;
        FileCursor next;
        if (nextIsLive) {
            env.warnings.log().info("following tail of {}", path);
            next = new FileCursor(live, path, 0, env);
            FileIdentity id = FileIdentity.statQuietly(fsPath);
            lastMtime = id != null ? id.mtimeNanos() : lastMtime;
        } else {
            env.warnings.log().info("reading {}: rotated away from {} before it was read", copy.path(), path);
            lastMtime = copy.id().mtimeNanos();
            next = new FileCursor(opened[0], path, 0, env);
        }
        if (onLivePath) {
            rotated.keep(done, now + env.rotateWaitNanos);
        } else {
            done.close();
        }
        if (carry) {
            next.assembler.carryOver(done.assembler);
        }
        current = next;
        onLivePath = nextIsLive;
        rotationSeen = -1;
        if (!carry) {
            env.positions.update(entry, 0, next.file.inode);
        }
        return true;
    }

    /** When this file next needs a look even if nothing wakes the loop (rotate_wait, a held group, a rate limit). */
    long nextDeadline(long now) {
        long t = rotated.nextDeadline();
        if (rotationSeen >= 0) {
            t = Math.min(t, rotationSeen + env.rotateWaitNanos);
        }
        if (current != null && !dead) {
            t = Math.min(t, current.assembler.nextFlushNanos());
        }
        return retryAt > now ? Math.min(t, retryAt) : t;
    }

    /** Whether everything in the file has been handed on (limit_recently_modified may then let it go). */
    boolean caughtUp() {
        try {
            return current == null || (current.size() <= current.readOffset() && !current.assembler.hasPending());
        } catch (IOException e) {
            return true;
        }
    }

    /** On stop: the position stays where it is (held groups are read again next time); descriptors are closed. */
    void close() {
        if (current != null && !dead) {
            current.close();
        }
        rotated.close();
    }

    /** No longer wanted (limit_recently_modified, follow_inodes without a path): closed, entry unwatched. */
    void unwatch() throws IOException {
        close();
        env.positions.unwatch(entry);
        dead = true;
    }
}
