package io.floe.outputs.forward;

import io.floe.api.config.Param;

/** out_forward's {@code <security>} section: the client side of the shared-key handshake. */
public record SecurityConfig(
        @Param(desc = "This client's hostname, sent in PING; must differ from the server's.")
        String selfHostname,
        @Param(desc = "The key shared with the servers (a <server> shared_key overrides it).", secret = true)
        String sharedKey) {
}
