package io.floe.outputs.file;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.codec.text.RubyText;
import io.floe.conf.ConfigElement;
import io.floe.outputs.format.FormatConfig;
import io.floe.outputs.format.Formatter;
import io.floe.outputs.format.Formatters;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Fluentd's out_file: each chunk becomes a file named from the path, the chunk's time slice and the
 * first free {@code _N} index, or is appended to one file per slice with {@code append true}.
 */
@Plugin(type = "file", desc = "Writes events to files, one per buffer chunk or appended per time slice (Fluentd's out_file).")
public final class FileOutput implements Output {

    public enum Compress { TEXT, GZ, GZIP }

    public record Config(
            @Param(desc = "The path of the file; may hold '*' (replaced by the time slice), strftime and ${tag} placeholders. "
                    + "A ${tag}/${key} value with a '.' or '..' segment, a leading '/', a backslash or a control character "
                    + "refuses the chunk (to <secondary> or the backup directory).")
            String path,
            @Param(desc = "Append each chunk to the slice's file instead of writing a new _N file.", dflt = "false") boolean append,
            @Param(desc = "Add path_suffix to a path without '*'.", dflt = "true") boolean addPathSuffix,
            @Param(desc = "The suffix of the file name.", dflt = ".log") String pathSuffix,
            @Param(desc = "Compress the files: text (none) or gzip (gz).", dflt = "text") Compress compress,
            @Param(desc = "Compress again even when the buffer chunk is compressed; Floe always compresses itself.",
                    dflt = "false") boolean recompress,
            @Param(desc = "A symlink kept pointing at the file last written (placeholders allowed, held to path's rule).",
                    dflt = Param.NULL)
            String symlinkPath,
            @Param(desc = "Make symlink_path's target relative to the link's directory.", dflt = "false")
            boolean symlinkPathUseRelative,
            @Param(desc = "v0.12 style strftime format of the time slice in the file name.", dflt = Param.NULL)
            String timeSliceFormat,
            @Param(name = "format", desc = "v0.12 style formatter @type, used when there is no <format> @type.",
                    dflt = Param.NULL) String legacyFormat,
            @Param(name = "time_format", desc = "v0.12 style time_format of the formatter.", dflt = Param.NULL)
            String legacyTimeFormat,
            @Param(name = "localtime", desc = "v0.12 style: 'localtime false' prints times in UTC.", dflt = Param.NULL)
            Boolean legacyLocaltime,
            @Param(name = "utc", desc = "v0.12 style: print times in UTC.", dflt = Param.NULL) Boolean legacyUtc,
            @Param(name = "timezone", desc = "v0.12 style timezone of the formatter.", dflt = Param.NULL)
            String legacyTimezone,
            @Section(kind = "formatter", desc = "The formatter; default @type out_file.") ConfigElement format) {
    }

    private final PathTemplate template;
    /** The directory the path names before its first placeholder: what lies below it, events named. */
    private final Path fixedDir;
    private final boolean append;
    private final FileWriter writer;
    private final Symlink symlink;

    public FileOutput(Config config, PluginContext ctx) {
        this(config, ctx, ZoneId.systemDefault());
    }

    FileOutput(Config c, PluginContext ctx, ZoneId localZone) {
        boolean gzip = c.compress() != Compress.TEXT;
        this.append = c.append();
        this.template = new PathTemplate(c.path(), c.append(), c.addPathSuffix() ? c.pathSuffix() : "",
                gzip ? ".gz" : "", c.timeSliceFormat());
        this.fixedDir = Path.of(PathBoundary.fixedDirectory(c.path())).toAbsolutePath().normalize();
        Formatter formatter = Formatters.create(c.format(), "out_file", new FormatConfig.Legacy(c.legacyFormat(),
                c.legacyTimeFormat(), c.legacyLocaltime(), c.legacyUtc(), c.legacyTimezone(), null), localZone, ctx.plugins());
        this.writer = new FileWriter(formatter, gzip);
        Logger log = ctx.log();
        this.symlink = c.symlinkPath() == null ? null : new Symlink(c.symlinkPath(), c.symlinkPathUseRelative(), log);
    }

    @Override
    public WriteResult write(Chunk chunk) throws IOException, UnrecoverableException {
        String resolved = template.resolve(chunk);
        Path link = symlink != null ? symlink.linkFor(chunk) : null;
        Path written;
        try {
            written = append ? writeAppending(resolved, chunk) : writeNew(resolved, chunk);
        } catch (IOException e) {
            String clash = clash(Path.of(resolved.replace(PathTemplate.INDEX, "_0")));
            if (clash != null) {
                String name = resolved.replace(PathTemplate.INDEX, "_N");
                throw new UnrecoverableException("cannot write " + RubyText.forLog(name) + ": " + clash
                        + ", named by other events", e);
            }
            throw e;
        }
        if (link != null) {
            symlink.pointAt(link, written);
        }
        return WriteResult.ok();
    }

    private Path writeAppending(String resolved, Chunk chunk) throws IOException, UnrecoverableException {
        Path file = Path.of(resolved);
        FileWriter.createParents(file);
        // Two flush threads appending to one file would interleave their lines (and gzip members).
        synchronized (writer) {
            writer.append(file, chunk);
        }
        return file;
    }

    /** Fluentd's find_filepath_available: the smallest free {@code _N}, claimed atomically. */
    private Path writeNew(String resolved, Chunk chunk) throws IOException, UnrecoverableException {
        boolean parentsMade = false;
        for (int i = 0; ; i++) {
            Path file = Path.of(resolved.replace(PathTemplate.INDEX, "_" + i));
            if (!parentsMade) {
                FileWriter.createParents(file);
                parentsMade = true;
            }
            if (Files.exists(file)) {
                continue;
            }
            try {
                writer.create(file, chunk);
                return file;
            } catch (FileAlreadyExistsException raced) {
                // another flush thread took this index between the check and the create
            }
        }
    }

    /**
     * Why {@code file} cannot be made, when the reason lies in the part of its path events named: a file where a
     * directory must go, or a directory where the file must go. Other events made it, so no retry clears it (a
     * full disk or a blocked configured directory is the file system's and is retried). Null for any other reason.
     */
    private String clash(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (append && Files.isDirectory(f)) {
            return RubyText.forLog(f.toString()) + " is a directory";
        }
        for (Path p = f.getParent(); p != null && p.startsWith(fixedDir) && !p.equals(fixedDir); p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return RubyText.forLog(p.toString()) + " is not a directory";
            }
        }
        return null;
    }

    @Override
    public boolean bufferedByDefault() {
        return true;
    }

    /** Fluentd's out_file {@code <buffer>} defaults. */
    @Override
    public Map<String, String> bufferDefaults() {
        return Map.of("chunk_keys", "time", "timekey", "1d");
    }
}
