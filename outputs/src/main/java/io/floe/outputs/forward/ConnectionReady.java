package io.floe.outputs.forward;

/** The user event that says a connection finished its TLS and shared-key handshakes and may carry events. */
enum ConnectionReady {
    EVENT
}
