package io.floe.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Docker json-file's log rotation, as tail tests replay it: with {@code max-file} N the oldest ({@code .N-1}) is
 * deleted, each {@code .i} becomes {@code .i+1}, and the live file becomes {@code .1}. The caller makes the new live
 * file (Docker reopens it for append).
 */
public final class DockerRotation {
    private DockerRotation() {
    }

    public static void rotate(Path live, int maxFile) throws IOException {
        Files.deleteIfExists(Path.of(live + "." + (maxFile - 1)));
        for (int i = maxFile - 2; i >= 1; i--) {
            Path from = Path.of(live + "." + i);
            if (Files.exists(from)) {
                Files.move(from, Path.of(live + "." + (i + 1)));
            }
        }
        Files.move(live, Path.of(live + ".1"));
    }
}
