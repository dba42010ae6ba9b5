package io.floe.inputs.tail;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.parsers.ParserEnv;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * Fluentd's in_tail: follows files matched by glob patterns, parses each line with {@code <parse>}, and
 * keeps positions in Fluentd's pos_file format. Positions move only after the outputs hold the events
 * (on disk, with a file buffer), so a crash reads again rather than skips. Rotation by rename, by
 * copytruncate, deletion, new files, symlinks and inode reuse are followed; container runtimes' split
 * lines are joined. One thread per source reads every file; inotify wakes it, a 1s timer otherwise.
 */
@Plugin(type = "tail", desc = "Follows files like tail -F, parses their lines, and remembers positions in Fluentd's pos_file format.")
public final class TailInput implements Input {
    private static final long JOIN_TIMEOUT_MS = 10_000;

    private final TailConfig config;
    private final PluginContext ctx;
    private final TailParsing parsing;
    private final Charset charset;
    private final long bytesPerSecond;
    private volatile TailLoop loop;
    private volatile boolean paused;
    private Thread thread;
    private PositionFile positions;
    private FileWatcher watcher;

    public TailInput(TailConfig config, PluginContext ctx) {
        TailValidation.validate(config);
        this.config = config;
        this.ctx = ctx;
        this.charset = TailValidation.charset(config);
        this.bytesPerSecond = TailValidation.bytesPerSecond(config, ctx.log());
        String type = config.parse().getText("@type") != null ? config.parse().getText("@type") : config.format();
        if (type == null) {
            throw new IllegalArgumentException("<parse> section is required (e.g. <parse> @type none </parse>)");
        }
        this.parsing = TailParsing.create(type, config.parse(), config.multiline(), config.joinPartialLines(), ParserEnv.of(ctx));
    }

    @Override
    public void start() throws IOException {
        if (config.posFile() == null) {
            ctx.log().warn("'pos_file PATH' parameter is not set to a 'tail' source. "
                    + "this parameter is highly recommended to save the position to resume tailing.");
        }
        positions = config.posFile() == null ? PositionFile.inMemory()
                : PositionFile.open(Path.of(config.posFile()), ctx.log(), config.followInodes());
        Warnings warnings = new Warnings(ctx.log(), config.ignoreRepeatedPermissionError());
        int maxLine = config.maxLineSize() == null ? TailEnv.DEFAULT_MAX_LINE : (int) Math.min(Integer.MAX_VALUE - 16, config.maxLineSize().bytes());
        long flush = nanos(config.partialFlushInterval());
        if (parsing.mode() == LineAssembler.Mode.MULTILINE) {
            flush = config.multilineFlushInterval() == null ? 0 : nanos(config.multilineFlushInterval());
        }
        TailEnv env = new TailEnv(ctx, positions, parsing, new LineEvents(parsing.parser(), config.pathKey(), config.emitUnmatchedLines()),
                warnings, charset, new TailTag(config.tag()), config.readLinesLimit(), bytesPerSecond, maxLine,
                nanos(config.rotateWait()), flush, config.followInodes(), config.emitUnmatchedLines());
        ZoneId zone = config.pathTimezone() == null ? ZoneId.systemDefault() : io.floe.codec.time.Zones.parameter(config.pathTimezone());
        PathScanner scanner = new PathScanner(Glob.splitPaths(config.path(), config.pathDelimiter(), config.globPolicy()),
                config.excludePath(), config.globPolicy(), zone, msg -> warnings.warn("scan", msg, System.nanoTime()));
        watcher = new FileWatcher(config.enableStatWatcher(), ctx.id(), ctx.log());
        TailLoop l = new TailLoop(env, scanner, watcher, new TailStarts(env, config.readFromHead()), nanos(config.refreshInterval()),
                config.limitRecentlyModified() == null ? 0 : nanos(config.limitRecentlyModified()),
                config.posFileCompactionInterval() == null ? 0 : nanos(config.posFileCompactionInterval()), config.enableWatchTimer());
        if (paused) {
            l.pause();
        }
        loop = l;
        thread = new Thread(() -> run(l), "in_tail-" + ctx.id());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(TailLoop l) {
        try {
            l.run(!config.skipRefreshOnStartup());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            ctx.log().error("tail loop failed; no more lines are read from {}: {}", config.path(), e.toString(), e);
        }
    }

    @Override
    public void stop() {
        TailLoop l = loop;
        if (l == null) {
            return;
        }
        l.stop();
        try {
            thread.join(JOIN_TIMEOUT_MS);
            if (thread.isAlive()) {
                // Stuck in an emit that an output blocks: the position stays at the last batch the outputs took.
                thread.interrupt();
                thread.join(JOIN_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        l.closeFiles();
        watcher.close();
        try {
            positions.close();
        } catch (IOException e) {
            ctx.log().warn("closing pos_file: {}", e.toString());
        }
        loop = null;
    }

    @Override
    public void pause() {
        paused = true;
        TailLoop l = loop;
        if (l != null) {
            l.pause();
        }
    }

    @Override
    public void resume() {
        paused = false;
        TailLoop l = loop;
        if (l != null) {
            l.resume();
        }
    }

    private static long nanos(Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }

    /** Files being followed now, for tests. */
    int watchedFiles() {
        TailLoop l = loop;
        return l == null ? 0 : l.watchedFiles();
    }

    /** Pattern scans done so far, for tests. */
    int scans() {
        TailLoop l = loop;
        return l == null ? 0 : l.scans();
    }

    /** Polls of every file (the stat timer's ticks) so far, for tests. */
    int fullPolls() {
        TailLoop l = loop;
        return l == null ? 0 : l.fullPolls();
    }
}
