package io.floe.outputs.inject;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's host name as Ruby's {@code Socket.gethostname} gives it. */
public final class LocalHost {
    private LocalHost() {
    }

    /** The kernel's host name, without a DNS lookup where Linux tells it; "localhost" when nothing does. */
    public static String name() {
        try {
            Path p = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(p)) {
                return Files.readString(p, StandardCharsets.UTF_8).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
