package io.floe.outputs.forward;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * With {@code keepalive true}: connections kept open between chunks, per server, until
 * {@code keepalive_timeout} of idleness (unset: for as long as they stay up). Without keepalive every chunk
 * gets a new connection, closed after its write, as in Fluentd.
 */
final class KeptConnections {
    private final boolean keepalive;
    private final Duration timeout;
    private final Map<ServerNode, Deque<Connection>> idle = new HashMap<>();

    KeptConnections(boolean keepalive, Duration timeout) {
        this.keepalive = keepalive;
        this.timeout = timeout;
    }

    /** An idle open connection to the server, or null. */
    synchronized Connection take(ServerNode node) {
        Deque<Connection> q = idle.get(node);
        while (q != null && !q.isEmpty()) {
            Connection c = q.pollFirst();
            if (c.isOpen() && (timeout == null || c.idleNanos() < timeout.toNanos())) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** A connection whose chunk went through: kept for the next chunk, or closed. */
    synchronized void giveBack(ServerNode node, Connection c) {
        if (keepalive && c.isOpen()) {
            idle.computeIfAbsent(node, n -> new ArrayDeque<>()).addFirst(c);
        } else {
            c.close();
        }
    }

    synchronized void closeAll() {
        idle.values().forEach(q -> q.forEach(Connection::close));
        idle.clear();
    }
}
