package io.floe.inputs.forward;

import io.floe.api.config.Param;
import io.floe.api.config.Section;
import java.util.List;

/** in_forward's {@code <security>} section: the shared-key handshake, optional users and per-client rules. */
public record ForwardSecurityConfig(
        @Param(desc = "This server's hostname, sent in PONG and mixed into its digest.")
        String selfHostname,
        @Param(desc = "The key shared with clients; a client proves it knows it in PING.", secret = true)
        String sharedKey,
        @Param(desc = "Also require a <user> username and password.", dflt = "false")
        boolean userAuth,
        @Param(desc = "Accept clients that match no <client> section.", dflt = "true")
        boolean allowAnonymousSource,
        @Section(name = "user", desc = "A username and password accepted when user_auth is on.")
        List<User> users,
        @Section(name = "client", desc = "Rules for clients from a host or network: their own shared key, the users they may use.")
        List<Client> clients) {

    /** A {@code <user>} section. */
    public record User(
            @Param(desc = "The username.")
            String username,
            @Param(desc = "The password.", secret = true)
            String password) {
    }

    /** A {@code <client>} section. */
    public record Client(
            @Param(desc = "The client's IP address or hostname (resolved at start).", dflt = Param.NULL)
            String host,
            @Param(desc = "The client's network, e.g. 192.168.0.0/24.", dflt = Param.NULL)
            String network,
            @Param(desc = "The shared key for this client, instead of the <security> one.", dflt = Param.NULL, secret = true)
            String sharedKey,
            @Param(desc = "The usernames this client may authenticate as; empty allows all.", dflt = "")
            List<String> users) {
    }
}
