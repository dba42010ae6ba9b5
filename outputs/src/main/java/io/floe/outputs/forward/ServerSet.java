package io.floe.outputs.forward;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;

/**
 * Fluentd's weighted balancing: each regular server appears in a shuffled array in proportion to its
 * {@code weight}; when regular servers are down, standby servers take over their weight. Chunks go round the
 * array, skipping servers that are not available.
 */
final class ServerSet {
    private final List<ServerNode> nodes;
    private final Logger log;
    private final long seed = new Random().nextLong();
    private volatile List<ServerNode> weighted;
    private int next;

    ServerSet(List<ServerNode> nodes, Logger log) {
        this.nodes = List.copyOf(nodes);
        this.log = log;
        rebuild();
    }

    List<ServerNode> nodes() {
        return nodes;
    }

    /** Recomputes the array after a server was detached or recovered. */
    synchronized void rebuild() {
        List<ServerNode> regular = new ArrayList<>();
        List<ServerNode> standby = new ArrayList<>();
        for (ServerNode n : nodes) {
            (n.settings().standby() ? standby : regular).add(n);
        }
        int lost = 0;
        for (ServerNode n : regular) {
            if (!n.available()) {
                lost += n.settings().weight();
            }
        }
        if (lost > 0) {
            for (ServerNode n : standby) {
                if (lost <= 0) {
                    break;
                }
                if (n.available()) {
                    regular.add(n);
                    log.warn("using standby node {}:{} weight={}", n.settings().host(), n.settings().port(), n.settings().weight());
                    lost -= n.settings().weight();
                }
            }
        }
        int gcd = 0;
        for (ServerNode n : regular) {
            gcd = gcd(gcd, n.settings().weight());
        }
        List<ServerNode> array = new ArrayList<>();
        for (ServerNode n : regular) {
            for (int i = 0; gcd > 0 && i < n.settings().weight() / gcd; i++) {
                array.add(n);
            }
        }
        // Several slots per server even with equal weights, so a detached server's turns spread over the others.
        int coefficient = array.isEmpty() ? 0 : regular.size() * 6 / array.size();
        List<ServerNode> copy = List.copyOf(array);
        for (int i = 1; i < coefficient; i++) {
            array.addAll(copy);
        }
        Collections.shuffle(array, new Random(seed));
        weighted = List.copyOf(array);
    }

    /**
     * The servers to try for one chunk, in order: the next available ones round the array, each once; empty when
     * none is available.
     */
    synchronized List<ServerNode> candidates() {
        List<ServerNode> array = weighted;
        List<ServerNode> out = new ArrayList<>();
        for (int i = 0; i < array.size() && out.isEmpty(); i++) {
            next = (next + 1) % array.size();
            if (array.get(next).available()) {
                // The first available one takes this turn; the others after it are fallbacks for this chunk only.
                for (int j = 0; j < array.size(); j++) {
                    ServerNode m = array.get((next + j) % array.size());
                    if (m.available() && !out.contains(m)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
