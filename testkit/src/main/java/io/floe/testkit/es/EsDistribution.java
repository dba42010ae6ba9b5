package io.floe.testkit.es;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch server the tests run: Elastic's integ-test-zip from Maven Central (a normal dependency of this
 * module, so Maven has put it in the local repository), unpacked once into a shared cache directory together with
 * the project's {@code GET /} plugin. The unpacked home is only read by the servers; each server gets its own
 * config, data and log directories.
 *
 * @param version  the Elasticsearch version, as in the zip's name
 * @param zip      the distribution
 * @param cacheDir where it is unpacked (kept, shared by the test JVMs)
 */
public record EsDistribution(String version, Path zip, Path cacheDir) {
    private static final String PLUGIN_NAME = "floe-root-info";
    private static final List<String> PLUGIN_CLASSES = List.of(
            "io/floe/testkit/es/rootinfo/RootInfoPlugin.class", "io/floe/testkit/es/rootinfo/RootInfoPlugin$Handler.class");

    /**
     * Finds the zip: system property {@code floe.es.zip} (or env {@code FLOE_ES_ZIP}), else where the build
     * resolved it, else the default local repository.
     */
    public static EsDistribution locate(Path cacheDir) {
        Properties p = new Properties();
        try (InputStream in = EsDistribution.class.getResourceAsStream("distribution.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/floe/testkit/es/distribution.properties is missing: build the testkit module");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version");
        String override = System.getProperty("floe.es.zip", System.getenv("FLOE_ES_ZIP"));
        Path defaultRepo = Path.of(System.getProperty("user.home"), ".m2", "repository",
                "org/elasticsearch/distribution/integ-test-zip/elasticsearch", version, "elasticsearch-" + version + ".zip");
        for (String candidate : new String[] {override, p.getProperty("zip"), defaultRepo.toString()}) {
            if (candidate != null && !candidate.isBlank() && !candidate.contains("${") && Files.isRegularFile(Path.of(candidate))) {
                return new EsDistribution(version, Path.of(candidate), cacheDir);
            }
        }
        throw new IllegalStateException("Elasticsearch " + version + " distribution not found (looked at " + p.getProperty("zip")
                + " and " + defaultRepo + "): run 'mvn install' so Maven downloads "
                + "org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + version + ":zip, or set -Dfloe.es.zip");
    }

    /**
     * The unpacked server with the plugin installed. Keyed by the zip and the plugin's bytes, so a new version of
     * either gets a fresh copy; built in a temporary directory and moved into place, so concurrent test JVMs never
     * see half a home.
     */
    public synchronized Path home() throws IOException {
        byte[][] classes = pluginClasses();
        Path home = cacheDir.resolve("elasticsearch-" + version + "-" + key(classes));
        if (Files.isDirectory(home)) {
            return home;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, ".unpack");
        try {
            Path unpacked = unpack(tmp);
            installPlugin(unpacked.resolve("plugins").resolve(PLUGIN_NAME), classes);
            // createTempDirectory makes a 0700 directory: the server's unprivileged user must be able to read the home.
            Files.setPosixFilePermissions(unpacked, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                if (!Files.isDirectory(home)) {
                    throw raced;
                }
            } catch (IOException e) {
                if (!Files.isDirectory(home)) {   // another JVM won the race: its copy is as good as ours
                    throw e;
                }
            }
        } finally {
            deleteTree(tmp);
        }
        return home;
    }

    private Path unpack(Path into) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path p = into.resolve(e.getName()).normalize();
                if (!p.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (top == null) {
                    top = into.resolve(into.relativize(p).getName(0));
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (top == null) {
            throw new IOException(zip + " is empty");
        }
        // A zip keeps no file modes: the launcher scripts must be executable again.
        try (DirectoryStream<Path> bin = Files.newDirectoryStream(top.resolve("bin"))) {
            for (Path f : bin) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return top;
    }

    private void installPlugin(Path dir, byte[][] classes) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve(PLUGIN_NAME + ".jar"));
                JarOutputStream jar = new JarOutputStream(out)) {
            for (int i = 0; i < classes.length; i++) {
                jar.putNextEntry(new JarEntry(PLUGIN_CLASSES.get(i)));
                jar.write(classes[i]);
                jar.closeEntry();
            }
        }
        // The server refuses a plugin whose descriptor names another version than its own.
        Files.writeString(dir.resolve("plugin-descriptor.properties"), String.join("\n",
                "name=" + PLUGIN_NAME,
                "description=GET / and HEAD / (cluster info), which the integ-test-zip distribution lacks",
                "version=1.0",
                "classname=io.floe.testkit.es.rootinfo.RootInfoPlugin",
                "java.version=17",
                "elasticsearch.version=" + version,
                ""), StandardCharsets.UTF_8);
    }

    private static byte[][] pluginClasses() throws IOException {
        byte[][] out = new byte[PLUGIN_CLASSES.size()][];
        for (int i = 0; i < out.length; i++) {
            try (InputStream in = EsDistribution.class.getClassLoader().getResourceAsStream(PLUGIN_CLASSES.get(i))) {
                if (in == null) {
                    throw new IllegalStateException(PLUGIN_CLASSES.get(i) + " is not on the class path: build the testkit module");
                }
                out[i] = in.readAllBytes();
            }
        }
        return out;
    }

    private String key(byte[][] classes) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((zip.toAbsolutePath() + "|" + Files.size(zip) + "|" + Files.getLastModifiedTime(zip).toMillis())
                    .getBytes(StandardCharsets.UTF_8));
            for (byte[] c : classes) {
                md.update(c);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
