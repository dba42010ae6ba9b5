package io.floe.inputs.net;

import java.time.Duration;
import java.util.Map;

/** The socket side of a message input (TCP connections or a UDP socket), as the input's lifecycle drives it. */
public interface MessageServer {
    /** The port listened on; with port 0, the one the OS picked. -1 before start. */
    int port();

    void stop();

    /** A full buffer: TCP stops reading, UDP drops what arrives and counts it. */
    void pause();

    void resume();

    default boolean alive(Duration timeout) {
        return true;
    }

    /** What monitor_agent shows beside the counters (connections, dropped records). */
    Map<String, Object> monitorFields();
}
