package io.floe.agent.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** Reads what a file output wrote: every complete JSON line's {@code seq}, counted; or its text. */
final class OutputFiles {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private OutputFiles() {
    }

    /** Counts per sequence number; a line cut by a kill -9 (no closing brace) is not counted. */
    static int[] seqCounts(Path dir, int total) throws IOException {
        int[] counts = new int[total];
        if (!Files.isDirectory(dir)) {
            return counts;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.endsWith("}")) {
                            continue;
                        }
                        Matcher m = SEQ.matcher(line);
                        if (m.find()) {
                            int seq = Integer.parseInt(m.group(1));
                            if (seq < total) {
                                counts[seq]++;
                            }
                        }
                    }
                }
            }
        }
        return counts;
    }

    /** Everything written in the files under {@code dir}, joined; empty while it does not exist. */
    static String text(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    /** Waits until every sequence number below {@code total} is in the files under {@code dir}. */
    static void awaitAll(Path dir, int total, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> missing(seqCounts(dir, total)) == 0);
    }

    static long missing(int[] counts) {
        long n = 0;
        for (int c : counts) {
            if (c == 0) {
                n++;
            }
        }
        return n;
    }

    static long duplicates(int[] counts) {
        long n = 0;
        for (int c : counts) {
            if (c > 1) {
                n += c - 1;
            }
        }
        return n;
    }
}
