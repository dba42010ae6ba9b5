package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * What wakes the tail loop: a change in a watched directory (Java's WatchService, which is inotify on
 * Linux; Fluentd's enable_stat_watcher), or a timer when nothing happens (enable_watch_timer, once a
 * second). A file written, created, deleted or renamed in a directory that holds a tailed file or where a
 * pattern may match one wakes the loop at once; a create, delete or lost event also asks for a new scan
 * of the patterns. Without inotify (other platforms, no watches left) the timer alone drives reading: no
 * busy loop either way.
 */
final class FileWatcher implements AutoCloseable {
    /**
     * After a wake-up the watch thread rests this long, so the events of a busy directory (one per write)
     * pile up in their key and wake the tail loop once, not once per line.
     */
    private static final long COALESCE_MILLIS = 10;

    private final Logger log;
    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final AtomicBoolean rescan = new AtomicBoolean();
    private final Set<Path> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean lost = new AtomicBoolean();
    private final Thread thread;
    private boolean warnedNoWatch;

    FileWatcher(boolean useInotify, String name, Logger log) {
        this.log = log;
        WatchService ws = null;
        if (useInotify) {
            try {
                ws = FileSystems.getDefault().newWatchService();
            } catch (IOException | UnsupportedOperationException e) {
                log.warn("file system events are not available ({}); polling every second", e.toString());
            }
        }
        this.service = ws;
        if (ws != null) {
            thread = new Thread(this::watch, "tail-watch-" + name);
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /**
     * Watches exactly these directories from now on (called by the tail thread after a scan).
     *
     * @return whether a directory was added: a file made there between the scan and now was not seen
     */
    boolean watchDirectories(Set<Path> dirs) {
        if (service == null) {
            return false;
        }
        boolean added = false;
        keys.entrySet().removeIf(e -> {
            if (!dirs.contains(e.getKey()) || !e.getValue().isValid()) {
                e.getValue().cancel();
                return true;
            }
            return false;
        });
        for (Path d : dirs) {
            if (keys.containsKey(d)) {
                continue;
            }
            try {
                keys.put(d, d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY));
                added = true;
            } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
                // Gone between the scan and now; the next scan decides again.
            } catch (IOException | RuntimeException e) {
                if (!warnedNoWatch) {
                    warnedNoWatch = true;
                    log.warn("cannot watch {} ({}); files there are looked at once a second", d, e.toString());
                }
            }
        }
        return added;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        lost.set(true);
                    } else if (ev.context() instanceof Path name) {
                        changed.add(dir.resolve(name));
                    }
                    if (ev.kind() != StandardWatchEventKinds.ENTRY_MODIFY) {
                        rescan.set(true);
                    }
                }
                key.reset();
                wake();
                Thread.sleep(COALESCE_MILLIS);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the tail source stops
        }
    }

    /** Waits until a watched directory changes, {@link #wake()} is called, or the timeout passes. */
    void await(long timeoutNanos) throws InterruptedException {
        if (timeoutNanos > 0) {
            wakeups.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    void wake() {
        wakeups.offer(Boolean.TRUE);
    }

    /**
     * The paths written, created or deleted since the last call, or null when every file must be looked at
     * (no inotify here, or events were lost).
     */
    Set<Path> takeChanged() {
        if (service == null || lost.getAndSet(false)) {
            changed.clear();
            return null;
        }
        Set<Path> out = new HashSet<>(changed);
        changed.removeAll(out);
        return out;
    }

    /** Whether files were created or deleted (or events lost) since the last call. */
    boolean takeRescan() {
        return rescan.getAndSet(false);
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
