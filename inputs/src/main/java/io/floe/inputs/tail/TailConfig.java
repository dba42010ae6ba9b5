package io.floe.inputs.tail;

import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.conf.ConfigElement;
import java.time.Duration;
import java.util.List;

/** {@code <source> @type tail}: Fluentd's in_tail parameters and defaults, and a few of Floe's own (marked). */
public record TailConfig(
        @Param(desc = "Tag of the events; a '*' is replaced by the file's path with '/' turned into '.' (tag kube.* -> "
                + "kube.var.log.containers.app.log).") String tag,
        @Param(desc = "Files to read: glob patterns separated by path_delimiter; strftime fields (%Y%m%d) are filled in.") String path,
        @Param(desc = "Separator of the patterns in path.", dflt = ",") String pathDelimiter,
        @Param(desc = "Glob patterns of files not to read, e.g. [\"/var/log/*.gz\"].", dflt = "[]") List<String> excludePath,
        @Param(desc = "backward_compatible (* ? [...]), extended (the same) or always (also {a,b}).", dflt = "backward_compatible")
        Glob.Policy globPolicy,
        @Param(desc = "Time zone of strftime fields in path (+09:00, Asia/Tokyo); local time when unset.", dflt = Param.NULL)
        String pathTimezone,
        @Param(desc = "Where positions are kept, in Fluentd's format (path, position and inode in hex), so an existing "
                + "Fluentd pos_file is continued. Without it, positions are lost on restart.", dflt = Param.NULL) String posFile,
        @Param(desc = "Rewrite the pos_file without entries of unwatched files this often; unset: at start only.", dflt = Param.NULL)
        Duration posFileCompactionInterval,
        @Param(desc = "How often the path patterns are expanded again (new files are also seen at once where inotify works).",
                dflt = "60s") Duration refreshInterval,
        @Param(desc = "How long a rotated or deleted file is still watched for late writes.", dflt = "5s") Duration rotateWait,
        @Param(desc = "Read files found at start-up from the beginning instead of the end (files found later always are).",
                dflt = "false") boolean readFromHead,
        @Param(desc = "Tell files apart by inode rather than path (for globs that also match rotated files); needs pos_file.",
                dflt = "false") boolean followInodes,
        @Param(desc = "Only read files modified within this time.", dflt = Param.NULL) Duration limitRecentlyModified,
        @Param(desc = "Do not expand path at start-up, only after refresh_interval.", dflt = "false") boolean skipRefreshOnStartup,
        @Param(desc = "Log a file that cannot be read only once, not at every refresh.", dflt = "false")
        boolean ignoreRepeatedPermissionError,
        @Param(desc = "Adds the file's path to each record under this key.", dflt = Param.NULL) String pathKey,
        @Param(desc = "Lines read from a file per emit.", dflt = "1000") int readLinesLimit,
        @Param(desc = "Bytes read from one file per second (at least 8192); -1: no limit.", dflt = "-1") String readBytesLimitPerSecond,
        @Param(desc = "Lines longer than this are skipped with a warning; also the cap on a joined line. Unset: 4m (Floe's "
                + "guard for the heap; Fluentd has none).", dflt = Param.NULL) Size maxLineSize,
        @Param(desc = "Encoding of the text; with from_encoding, what it is converted to.", dflt = Param.NULL) String encoding,
        @Param(desc = "Encoding of the file's bytes (needs encoding).", dflt = Param.NULL) String fromEncoding,
        @Param(desc = "Watch with inotify (Java's WatchService).", dflt = "true") boolean enableStatWatcher,
        @Param(desc = "Also look at every file once a second.", dflt = "true") boolean enableWatchTimer,
        @Param(desc = "Accepted for compatibility; files are kept open.", dflt = "false") boolean openOnEveryUpdate,
        @Param(desc = "A line the parser does not match is emitted as {\"unmatched_line\": line}. Floe's default is true (Fluentd: "
                + "false, the line is dropped with a warning); false sends it to @ERROR instead.", dflt = "true")
        boolean emitUnmatchedLines,
        @Param(desc = "A multiline record with no new line for this long is emitted as it is; unset: only when the next "
                + "record starts.", dflt = Param.NULL) Duration multilineFlushInterval,
        @Param(desc = "Floe: join the pieces of long container lines (Docker's 16 KB split, CRI P/F): auto (for parse types "
                + "docker, cri, container), true or false.", dflt = "auto") JoinPartial joinPartialLines,
        @Param(desc = "Floe: a split container line whose last piece does not come within this time is emitted as it is.",
                dflt = "5s") Duration partialFlushInterval,
        @Param(desc = "Legacy (v0.12) parser type, used when there is no <parse> section.", dflt = Param.NULL) String format,
        @Section(name = "parse", kind = "parser", desc = "How lines become records (@type none, json, regexp, docker, cri, "
                + "container, multiline ...).") ConfigElement parse,
        @Section(name = "parse", desc = "The multiline parser's parameters, in the same <parse> section.")
        MultilineConfig multiline) {

    /** join_partial_lines. */
    public enum JoinPartial { AUTO, TRUE, FALSE }
}
