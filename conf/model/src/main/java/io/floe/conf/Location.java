package io.floe.conf;

import java.nio.file.Path;

/** Where a config element or parameter was written: the file and the 1-based line. */
public record Location(String file, int line) {

    public static Location of(Path file, int line) {
        return new Location(file.toString(), line);
    }

    /** For elements built in code (defaults, synthesized sections), which have no file. */
    public static Location builtIn(String what) {
        return new Location("<" + what + ">", 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
