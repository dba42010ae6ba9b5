package io.floe.agent.cli;

import io.floe.agent.config.PluginDocs;
import io.floe.agent.config.PluginRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code floe plugin-doc}: prints every plugin's parameters as Markdown (docs/plugins.md). */
@Command(name = "plugin-doc", description = "Print every plugin's parameters, types, defaults and descriptions as Markdown.")
final class PluginDocCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(PluginDocs.markdown(PluginRegistry.fromClassPath()));
        return 0;
    }
}
