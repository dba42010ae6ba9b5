package io.floe.inputs;

import io.floe.api.PluginContext;
import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpMountOptions;
import io.floe.api.http.HttpRoutes;
import java.io.IOException;

/**
 * An input's mount on the agent's HTTP server (monitor_agent) that a reload hands over instead of
 * closing: the next configuration's input on the same address takes it and serves its own routes, so the
 * port stays bound and answers throughout; when no input takes it the agent closes it. Meanwhile the old
 * routes answer (monitor_agent's only read); in_http, whose requests need a running pipeline, parks them
 * instead (see {@code io.floe.inputs.http.Parking}).
 */
public final class HandedOverMount {
    private final PluginContext ctx;
    private final String key;
    private HttpMount mount;
    private volatile int port = -1;

    /** @param key names the address, the same for the same input type, bind and port in every configuration */
    public HandedOverMount(PluginContext ctx, String key) {
        this.ctx = ctx;
        this.key = key;
    }

    /** Takes over the previous configuration's mount, serving {@code routes} from now on, or mounts anew; the port. */
    public int open(String bind, int port, String owner, HttpRoutes routes, HttpMountOptions options) throws IOException {
        mount = ctx.handover().adopt(key, HttpMount.class);
        if (mount == null) {
            mount = ctx.http().mount(bind, port, owner, ctx.log(), routes, options);
        } else {
            mount.serve(routes);
        }
        this.port = mount.port();
        return this.port;
    }

    /** The port listened on; with port 0, the one the OS picked. -1 when not open. */
    public int port() {
        return port;
    }

    /** Leaves the mount for the next configuration. */
    public void leave() {
        if (mount != null) {
            ctx.handover().leave(key, mount);
            mount = null;
        }
        port = -1;
    }
}
