package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one thread of a tail source: scans the patterns (at start, every refresh_interval, and when a
 * watched directory gains or loses a file), reads every watched file in turn, and sleeps on the
 * {@link FileWatcher} when there was nothing to read. Files are read round-robin, a few batches each, so
 * one busy file cannot starve the others.
 */
final class TailLoop {
    private static final long SECOND = 1_000_000_000L;
    /** Scans caused by directory events are spaced at least this far apart. */
    private static final long MIN_RESCAN_GAP = 200_000_000L;

    private final TailEnv env;
    private final PathScanner scanner;
    private final FileWatcher watcher;
    private final TailStarts starts;
    private final long refreshNanos;
    private final long recentNanos;
    private final long compactionNanos;
    private final boolean timer;
    private final Map<String, TailFile> files = new LinkedHashMap<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private long nextRefresh;
    private long lastScan = Long.MIN_VALUE / 2;
    private long nextCompaction;
    private boolean rescanPending;
    private long nextFullPoll;
    private volatile int scans;
    private volatile int fullPolls;

    TailLoop(TailEnv env, PathScanner scanner, FileWatcher watcher, TailStarts starts, long refreshNanos, long recentNanos,
             long compactionNanos, boolean timer) {
        this.env = env;
        this.scanner = scanner;
        this.watcher = watcher;
        this.starts = starts;
        this.refreshNanos = refreshNanos;
        this.recentNanos = recentNanos;
        this.compactionNanos = compactionNanos;
        this.timer = timer;
    }

    /** Runs until {@link #stop()}; the caller's thread. */
    void run(boolean scanAtStart) throws InterruptedException {
        long now = System.nanoTime();
        if (scanAtStart) {
            scan(now);
        }
        nextRefresh = now + refreshNanos;
        nextCompaction = compactionNanos > 0 ? now + compactionNanos : Long.MAX_VALUE;
        while (running) {
            now = System.nanoTime();
            rescanPending |= watcher.takeRescan() | anyWantsRescan();
            if (now >= nextRefresh || (rescanPending && now - lastScan >= MIN_RESCAN_GAP)) {
                rescanPending = false;
                scan(now);
                nextRefresh = now + refreshNanos;
            }
            boolean everyFile = now >= nextFullPoll;
            if (everyFile) {
                nextFullPoll = now + (timer ? SECOND : refreshNanos);
                fullPolls++;
            }
            boolean progress = !paused && pollAll(now, everyFile);
            compactWhenDue(now);
            if (!progress && running) {
                watcher.await(waitNanos(System.nanoTime()));
            }
        }
    }

    /** Reads the files that changed (all of them once a second, or when inotify is not there). */
    private boolean pollAll(long now, boolean everyFile) throws InterruptedException {
        Set<Path> changed = watcher.takeChanged();
        boolean all = everyFile || changed == null;
        boolean progress = false;
        for (var it = files.values().iterator(); it.hasNext() && running && !paused; ) {
            TailFile f = it.next();
            if (all || f.wanted(changed, now)) {
                progress |= f.poll(now);
            }
            if (f.dead()) {
                it.remove();
            }
        }
        return progress;
    }

    private boolean anyWantsRescan() {
        boolean any = false;
        for (TailFile f : files.values()) {
            any |= f.takeRescanWanted();
        }
        return any;
    }

    private long waitNanos(long now) {
        long until = Math.min(nextFullPoll, rescanPending ? lastScan + MIN_RESCAN_GAP : nextRefresh);
        for (TailFile f : files.values()) {
            until = Math.min(until, f.nextDeadline(now));
        }
        return Math.max(1_000_000L, until - now);
    }

    /**
     * Expands the patterns; new files get a TailFile, files no longer wanted are let go. The first scan is
     * the start-up one (read_from_head applies), also when skip_refresh_on_startup puts it off.
     */
    void scan(long now) {
        boolean atStartup = scans == 0;
        lastScan = now;
        PathScanner.Scan s = scanner.scan();
        Set<Path> dirs = new HashSet<>(s.directories());
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Path> e : s.paths().entrySet()) {
            String path = e.getKey();
            FileIdentity id = identify(path, e.getValue(), now);
            if (id == null) {
                continue;
            }
            String key = key(path, id);
            seen.add(key);
            TailFile f = files.get(key);
            if (f != null) {
                if (env.followInodes && !f.path.equals(path)) {
                    f.seenAt(path);
                }
            } else if (recentNanos <= 0 || System.currentTimeMillis() * 1_000_000L - id.mtimeNanos() <= recentNanos) {
                start(path, id, key, atStartup, now);
            }
            Path parent = RotatedSiblings.realFile(e.getValue()).getParent();
            if (parent != null) {
                dirs.add(parent);
            }
        }
        letGoOfOldFiles(seen);
        // A file made in a new directory before its watch was in place would wait for refresh_interval: look again.
        rescanPending |= watcher.watchDirectories(dirs);
        if (atStartup) {
            adoptOrphans(now);
        }
        scans++;
    }

    private void start(String path, FileIdentity id, String key, boolean atStartup, long now) {
        try {
            TailFile f = starts.open(path, id, atStartup, now);
            if (f != null) {
                files.put(key, f);
            }
        } catch (IOException e) {
            env.warnings.unreadable(path, "cannot tail " + path + ": " + e, now);
        }
    }

    /** A candidate path as a regular file, or null with a warning (FIFO, directory, ENOTDIR, ELOOP...). */
    private FileIdentity identify(String path, Path p, long now) {
        try {
            FileIdentity id = FileIdentity.stat(p);
            if (id == null) {
                return null;
            }
            if (!id.regular()) {
                env.warnings.unreadable(path, path + " is not a regular file (a directory, FIFO or device): not tailed", now);
                return null;
            }
            return id;
        } catch (IOException | RuntimeException e) {
            env.warnings.unreadable(path, "cannot tail " + path + ": " + e, now);
            return null;
        }
    }

    private String key(String path, FileIdentity id) {
        return env.followInodes ? Long.toString(id.inode()) : path;
    }

    /** limit_recently_modified: files not written for that long are let go once everything in them is read. */
    private void letGoOfOldFiles(Set<String> seen) {
        if (recentNanos <= 0) {
            return;
        }
        long wall = System.currentTimeMillis() * 1_000_000L;
        for (var it = files.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, TailFile> e = it.next();
            FileIdentity id = FileIdentity.statQuietly(e.getValue().fsPath);
            if (seen.contains(e.getKey()) && id != null && wall - id.mtimeNanos() > recentNanos && e.getValue().caughtUp()) {
                try {
                    e.getValue().unwatch();
                } catch (IOException ex) {
                    env.warnings.log().warn("cannot update pos_file: {}", ex.toString());
                }
                it.remove();
            }
        }
    }

    /**
     * After the first scan: pos_file entries no file was found for. follow_inodes entries whose inode is now
     * a rotated copy are read to their end; entries whose directory is gone are dropped (a removed
     * container's, which Fluentd would keep forever); others stay, the file may come back.
     */
    private void adoptOrphans(long now) {
        Set<Long> inodes = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (TailFile f : files.values()) {
            inodes.add(f.entry.inode);
            paths.add(f.entry.path);
        }
        for (PositionEntry e : new ArrayList<>(env.positions.entries())) {
            if (inodes.contains(e.inode) && paths.contains(e.path)) {
                continue;
            }
            try {
                TailFile f = env.followInodes ? starts.orphan(e, now) : null;
                if (f != null) {
                    files.put(Long.toString(e.inode), f);
                } else if (!paths.contains(e.path) && TailStarts.directoryGone(e)) {
                    env.positions.unwatch(e);
                }
            } catch (IOException ex) {
                env.warnings.log().warn("cannot resume {}: {}", e.path, ex.toString());
            }
        }
    }

    private void compactWhenDue(long now) {
        if (now < nextCompaction) {
            return;
        }
        nextCompaction = now + compactionNanos;
        try {
            env.positions.compact();
        } catch (IOException e) {
            env.warnings.log().warn("pos_file compaction failed: {}", e.toString());
        }
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        watcher.wake();
    }

    void stop() {
        running = false;
        watcher.wake();
    }

    /** Closes every file; positions stay as last committed. Called after the loop returned. */
    void closeFiles() {
        files.values().forEach(TailFile::close);
        files.clear();
    }

    int watchedFiles() {
        return files.size();
    }

    /** Scans done so far (tests wait for the first). */
    int scans() {
        return scans;
    }

    /**
     * Moments the loop polled every file, or would have but was paused (tests: two more than before an append mean
     * one whole poll came after it, the only proof that something not read was not going to be).
     */
    int fullPolls() {
        return fullPolls;
    }
}
