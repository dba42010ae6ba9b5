package io.floe.outputs.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * {@code template_name} + {@code template_file}: installed at start, or before the first write when the cluster was
 * not reachable then, and kept if one of that name exists unless {@code template_overwrite}.
 */
final class IndexTemplates {
    private final String name;
    private final Path file;
    private final boolean overwrite;
    private final boolean legacy;
    private volatile boolean installed;

    IndexTemplates(String name, Path file, boolean overwrite, boolean legacy) {
        this.name = name;
        this.file = file;
        this.overwrite = overwrite;
        this.legacy = legacy;
    }

    void install(EsClient client, Logger log) throws IOException {
        if (installed) {
            return;
        }
        synchronized (this) {
            if (installed) {
                return;
            }
            String path = (legacy ? "/_template/" : "/_index_template/") + name;
            if (overwrite || !client.exists(path)) {
                // Read at install time, as the plugin does: a template fixed on disk is used after a restart.
                client.put(path, Files.readString(file, StandardCharsets.UTF_8));
                log.info("Template '{}' installed from {}", name, file);
            }
            installed = true;
        }
    }
}
