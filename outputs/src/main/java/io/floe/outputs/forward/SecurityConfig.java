package io.floe.outputs.forward;

import io.floe.api.config.Param;

/**
 * out_forward's {@code <security>} section: the client side of the shared-key handshake. Fluentd gives in_forward's
 * {@code <security>} more (user_auth, allow_anonymous_source, {@code <user>}, {@code <client>}) and puts the client's
 * username and password in {@code <server>}, so the two sections stay two records; what they share is the protocol
 * in {@code io.floe.codec.forward}.
 */
public record SecurityConfig(
        @Param(desc = "This client's hostname, sent in PING; must differ from the server's.")
        String selfHostname,
        @Param(desc = "The key shared with the servers (a <server> shared_key overrides it).", secret = true)
        String sharedKey) {
}
