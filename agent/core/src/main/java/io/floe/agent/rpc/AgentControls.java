package io.floe.agent.rpc;

import io.floe.agent.Agent;
import java.util.concurrent.CompletableFuture;

/** The agent actions the RPC endpoint offers; they complete when done. */
public interface AgentControls {
    CompletableFuture<Void> stop();

    CompletableFuture<Void> flush();

    CompletableFuture<Agent.Reloaded> reload();
}
