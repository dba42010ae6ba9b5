package io.floe.outputs.forward;

import io.floe.api.config.Param;

/** out_forward's {@code <server>} section. */
public record ServerConfig(
        @Param(desc = "The server's IP address or host name.")
        String host,
        @Param(desc = "The server's port (TCP, and UDP for heartbeat_type udp).", dflt = "24224")
        int port,
        @Param(desc = "The name used in log messages; default host:port.", dflt = Param.NULL)
        String name,
        @Param(desc = "The share of chunks this server gets, relative to the other servers' weights.", dflt = "60")
        int weight,
        @Param(desc = "Used only while a regular server is unavailable.", dflt = "false")
        boolean standby,
        @Param(desc = "This server's shared key, instead of the <security> one.", dflt = Param.NULL, secret = true)
        String sharedKey,
        @Param(desc = "The username for the server's user_auth.", dflt = "")
        String username,
        @Param(desc = "The password for the server's user_auth.", dflt = "", secret = true)
        String password) {

    public ServerConfig {
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be 0 or more");
        }
    }

    String displayName() {
        return name != null ? name : host + ":" + port;
    }
}
