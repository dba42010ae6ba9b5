package io.floe.outputs.file;

import io.floe.api.Chunk;
import io.floe.api.UnrecoverableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;

/**
 * symlink_path. Fluentd points it at the file buffer's current chunk; Floe's buffer is not a file the
 * output can see, so the link follows the file last written instead, which serves the same purpose
 * (one stable name to tail). The link is replaced atomically so a reader never finds it missing.
 */
final class Symlink {
    private final String template;
    private final boolean relative;
    private final Logger log;

    Symlink(String template, boolean relative, Logger log) {
        this.template = template;
        this.relative = relative;
        this.log = log;
    }

    /** Where the chunk's link goes; resolved before the chunk is written, so a refused name refuses the chunk. */
    Path linkFor(Chunk chunk) throws UnrecoverableException {
        return Path.of(PathTemplate.expand(template, chunk)).toAbsolutePath();
    }

    synchronized void pointAt(Path link, Path written) {
        Path target = written.toAbsolutePath();
        Path dest = relative ? link.getParent().relativize(target) : target;
        Path tmp = link.resolveSibling(link.getFileName() + ".tmp-link");
        try {
            FileWriter.createParents(link);
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, dest);
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // The data is written; failing the chunk now would only write it twice.
            log.warn("cannot point symlink_path {} at {}: {}", link, target, e.toString());
        }
    }
}
