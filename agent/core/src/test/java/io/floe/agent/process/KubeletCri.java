package io.floe.agent.process;

import static io.floe.agent.process.TailSoakIT.CONTAINERS;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * For {@link TailSoakIT}: containerd's CRI log writer with the kubelet's rotation: lines {@code TIME stdout P|F message} in
 * {@code /var/log/pods/<ns>_<pod>_<uid>/<container>/0.log}, linked from
 * {@code /var/log/containers/<pod>_<ns>_<container>-<id>.log}; lines over 16 KB split into P pieces; at
 * {@code containerLogMaxSize} the kubelet gzips the earlier rotated files, drops the oldest beyond
 * {@code containerLogMaxFiles}, renames the live file to {@code 0.log.<timestamp>}, and the runtime, which
 * writes a few more lines to the renamed file before it reopens, creates a new {@code 0.log}.
 */
final class KubeletCri extends TailSoakIT.AppendingWriter {
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path[] live = new Path[CONTAINERS];
    /** Lines the runtime still writes into a renamed file before it reopens. */
    private final int[] lateWrites = new int[CONTAINERS];

    KubeletCri(Path root) throws IOException {
        Files.createDirectories(root.resolve("containers"));
        for (int c = 0; c < CONTAINERS; c++) {
            String pod = "web-" + c;
            Path dir = root.resolve("pods/default_" + pod + "_" + String.format("%08x-uid", c) + "/app");
            Files.createDirectories(dir);
            live[c] = dir.resolve("0.log");
            open[c] = openAppend(live[c]);
            Files.createSymbolicLink(root.resolve("containers/" + pod + "_default_app-" + String.format("%064x", 0xbeef00L + c) + ".log"),
                    live[c]);
        }
    }

    @Override
    public void write(int c, String line) throws IOException {
        String time = Instant.now().toString();
        StringBuilder b = new StringBuilder(line.length() + 64);
        for (int from = 0; from < line.length(); from += PIECE) {
            int to = Math.min(line.length(), from + PIECE);
            b.setLength(0);
            b.append(time).append(" stdout ").append(to == line.length() ? 'F' : 'P').append(' ').append(line, from, to).append('\n');
            entry(c, b.toString());
        }
    }

    private void entry(int c, String text) throws IOException {
        append(c, text);
        if (lateWrites[c] > 0 && --lateWrites[c] == 0) {
            open[c].close();
            open[c] = openAppend(live[c]); // ReopenContainerLog
        } else if (lateWrites[c] == 0 && open[c].size() >= MAX_SIZE) {
            rotate(c);
        }
    }

    /** The kubelet's rotateLog: compress earlier rotated files, remove excess ones, rename the live file. */
    private void rotate(int c) throws IOException {
        Path dir = live[c].getParent();
        Path renamed = dir.resolve("0.log." + SUFFIX.format(Instant.now()));
        if (Files.exists(renamed)) {
            return; // the kubelet looks every 10 s; at most one rotation per second here
        }
        List<Path> rotated;
        try (var s = Files.list(dir)) {
            rotated = s.filter(p -> p.getFileName().toString().startsWith("0.log.")).sorted().toList();
        }
        for (int i = 0; i < rotated.size() - (MAX_FILES - 2); i++) {
            Files.delete(rotated.get(i));
        }
        for (Path p : rotated.subList(Math.max(0, rotated.size() - (MAX_FILES - 2)), rotated.size())) {
            if (!p.toString().endsWith(".gz")) {
                gzip(p);
            }
        }
        Files.move(live[c], renamed);
        lateWrites[c] = 2;
        rotations++;
    }

    private static void gzip(Path p) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(p + ".gz")))) {
            Files.copy(p, out);
        }
        Files.delete(p);
    }
}
