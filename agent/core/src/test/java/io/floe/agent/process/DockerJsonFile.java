package io.floe.agent.process;

import static io.floe.agent.process.TailSoakIT.CONTAINERS;

import io.floe.testkit.DockerRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * For {@link TailSoakIT}: dockerd's json-file driver: {@code /var/lib/docker/containers/<id>/<id>-json.log},
 * one JSON entry per write, lines of 16 KB and more split into entries whose {@code log} has no newline,
 * rotation at {@code max-size} with {@code max-file}: the oldest deleted, {@code .1} to {@code .2}, the live
 * file to {@code .1}, a new file created (on ext4 often with the deleted file's inode number).
 */
final class DockerJsonFile extends TailSoakIT.AppendingWriter {
    private final Path[] files = new Path[CONTAINERS];

    DockerJsonFile(Path root) throws IOException {
        for (int c = 0; c < CONTAINERS; c++) {
            String id = String.format("%064x", 0xc0ffee00L + c);
            Files.createDirectories(root.resolve(id));
            files[c] = root.resolve(id).resolve(id + "-json.log");
            open[c] = openAppend(files[c]);
        }
    }

    @Override
    public void write(int c, String line) throws IOException {
        String time = Instant.now().toString();
        String withNewline = line + "\n";
        for (int from = 0; from < withNewline.length(); from += PIECE) {
            String piece = withNewline.substring(from, Math.min(withNewline.length(), from + PIECE));
            entry(c, "{\"log\":\"" + piece.replace("\n", "\\n") + "\",\"stream\":\"stdout\",\"time\":\"" + time + "\"}\n");
        }
    }

    private void entry(int c, String json) throws IOException {
        if (open[c].size() >= MAX_SIZE) {
            rotate(c);
        }
        append(c, json);
    }

    private void rotate(int c) throws IOException {
        open[c].close();
        DockerRotation.rotate(files[c], MAX_FILES);
        open[c] = openAppend(files[c]);
        rotations++;
    }
}
