package io.floe.inputs.net;

import io.netty.channel.ChannelHandlerContext;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** The reverse lookup of a connection's peer, for {@code source_hostname_key} and {@code resolve_hostname}. */
public final class Hostnames {
    private Hostnames() {
    }

    /**
     * Looks the peer's name up on {@code resolver} (it may take seconds: never on the event loop), the connection not read
     * meanwhile; then {@code found} gets the name, or the address when there is none, on the connection's event loop.
     */
    public static void lookUp(ChannelHandlerContext ctx, InetAddress a, Executor resolver, Consumer<String> found) {
        ReadSwitch.off(ctx.channel(), ReadSwitch.RESOLVING);
        CompletableFuture<String> name;
        try {
            name = CompletableFuture.supplyAsync(a::getHostName, resolver);
        } catch (RejectedExecutionException stopping) {
            name = CompletableFuture.completedFuture(a.getHostAddress());
        }
        name.whenComplete((n, err) -> {
            Runnable done = () -> {
                found.accept(n != null ? n : a.getHostAddress());
                ReadSwitch.on(ctx.channel(), ReadSwitch.RESOLVING);
            };
            if (ctx.executor().inEventLoop()) {
                done.run();
            } else {
                ctx.executor().execute(done);
            }
        });
    }
}
