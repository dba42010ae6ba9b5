package io.floe.agent.cli;

import io.floe.agent.Agent;
import io.floe.agent.config.ConfigErrors;
import io.floe.agent.config.PluginRegistry;
import io.floe.agent.logging.AgentLogging;
import io.floe.agent.rpc.RpcEndpoint;
import io.floe.api.http.HttpMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code floe}: runs the agent on a fluent.conf or fluent.yaml, or validates one with {@code --dry-run}. */
@Command(name = "floe", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Floe: a log forwarding agent that runs Fluentd configurations.",
        subcommands = PluginDocCommand.class)
public final class Main implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (.conf in Fluentd's syntax, .yaml/.yml in Fluentd's YAML). Default: $FLUENT_CONF, else the embedded default.")
    Path config;

    @Option(names = "--dry-run", description = "Parse the configuration and construct every plugin, print warnings and errors, exit 0 or 1.")
    boolean dryRun;

    @Option(names = "-v", description = "More log output: -v debug, -vv trace.")
    boolean[] verbose = new boolean[0];

    @Option(names = "-q", description = "Less log output: -q warn, -qq error.")
    boolean[] quiet = new boolean[0];

    @Option(names = {"-o", "--log"}, paramLabel = "FILE", description = "Write the agent's own log to FILE instead of standard error.")
    Path logFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory for buffers, positions and backups; overrides <system> root_dir.")
    Path dataDir;

    public static void main(String[] args) {
        // A pool thread that dies of an OutOfMemoryError the JVM did not throw itself ends the process too.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            io.floe.api.FatalErrors.exitIfFatal(e);
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace(System.err);
        });
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        AgentLogging.configure(level(), logFile == null ? null : logFile.toString());
        Logger log = LoggerFactory.getLogger("floe");
        Path file = config;
        if (file == null && System.getenv("FLUENT_CONF") != null) {
            file = Path.of(System.getenv("FLUENT_CONF"));
        }
        if (file != null && !Files.isReadable(file)) {
            log.error("config file {} does not exist or cannot be read", file);
            return 1;
        }
        Agent agent = new Agent(file, dataDir, PluginRegistry.fromClassPath());
        if (dryRun) {
            return dryRun(agent, log);
        }
        log.info("starting floe-{} pid={} java={}", Version.VERSION, ProcessHandle.current().pid(), Runtime.version());
        CountDownLatch stopped = new CountDownLatch(1);
        Controls controls = new Controls(agent, stopped);
        Signals.install(agent, controls);
        try {
            controls.start();
        } catch (ConfigErrors e) {
            e.errors().forEach(err -> log.error("config error {}", err.getMessage()));
            return 1;
        }
        String rpcEndpoint = agent.system() == null ? null : agent.system().rpcEndpoint();
        HttpMount rpc = null;
        if (rpcEndpoint != null) {
            try {
                rpc = RpcEndpoint.mount(agent.http(), rpcEndpoint, controls, log);
            } catch (IOException | IllegalArgumentException e) {
                log.error("rpc_endpoint {} cannot listen: {}", rpcEndpoint, e.toString());
                agent.stop();
                return 1;
            }
        }
        stopped.await();
        if (rpc != null) {
            rpc.close();
        }
        return 0;
    }

    private Integer dryRun(Agent agent, Logger log) {
        log.info("starting floe-{} as dry run mode, config {}", Version.VERSION, agent.configName());
        try {
            agent.load();
        } catch (ConfigErrors e) {
            e.errors().forEach(err -> log.error("config error {}", err.getMessage()));
            log.error("dry run failed: {} error(s)", e.errors().size());
            return 1;
        }
        log.info("finished dry run mode");
        return 0;
    }

    /** The level the command line asks for, or null when it asks for none. */
    private String level() {
        if (verbose.length >= 2) {
            return "trace";
        }
        if (verbose.length == 1) {
            return "debug";
        }
        if (quiet.length >= 2) {
            return "error";
        }
        return quiet.length == 1 ? "warn" : null;
    }

    /** The version from the jar's manifest, or the development one. */
    public static final class Version implements CommandLine.IVersionProvider {
        static final String VERSION = String.valueOf(Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev"));

        @Override
        public String[] getVersion() {
            return new String[] {"floe " + VERSION, "java " + Runtime.version()};
        }
    }
}
