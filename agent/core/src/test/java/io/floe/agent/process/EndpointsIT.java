package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sockets the agent listens on, read from the kernel ({@code /proc/<pid>/net} and the process's
 * file descriptors), are exactly the README's endpoint table: forward's TCP port and UDP heartbeat and
 * monitor_agent's HTTP port, each on the configured address (monitor_agent's default: all addresses); out_forward's UDP heartbeat socket when
 * {@code heartbeat_type udp}; and the RPC endpoint only when {@code <system> rpc_endpoint} is set.
 */
class EndpointsIT {
    @RegisterExtension
    final Agents agents = new Agents();

    private record Bound(InetSocketAddress address, boolean tcp) {
    }

    /** forward on 127.0.0.1; monitor_agent on its default address (all of them). */
    private static String config(int forward, int monitor, String system) {
        return system + FluentConf.forward(forward) + FluentConf.monitorOn(monitor)
                + FluentConf.match("app.**", "forward", "heartbeat_type udp", FluentConf.server(forward + 1));
    }

    /** Starts the agent on {@code config}, waits until {@code ready} is logged and returns the sockets it has bound. */
    private Set<Bound> boundOnceReady(String config, String ready) throws Exception {
        try (AgentProcess agent = agents.start("-c", agents.write("agent.conf", config).toString())) {
            agent.awaitLog(ready, Duration.ofSeconds(60));
            return bound(agent.pid());
        }
    }

    @Test
    void withoutRpcEndpointTheAgentListensOnForwardAndMonitorOnly() throws Exception {
        int forward = agents.freePort();
        int monitor = agents.freePort();
        Set<Bound> bound = boundOnceReady(config(forward, monitor, ""), AgentProcess.RUNNING);
        InetAddress local = InetAddress.getByName("127.0.0.1");
        Set<InetSocketAddress> tcp = addresses(bound, true);
        assertEquals(2, tcp.size(), bound.toString());
        assertTrue(tcp.contains(new InetSocketAddress(local, forward)), bound.toString());
        assertTrue(tcp.stream().anyMatch(a -> a.getPort() == monitor && a.getAddress().isAnyLocalAddress()),
                "monitor_agent's default bind is every address: " + bound);
        Set<InetSocketAddress> udp = addresses(bound, false);
        assertTrue(udp.contains(new InetSocketAddress(local, forward)), "forward's heartbeat: " + bound);
        // out_forward's heartbeat socket: an ephemeral port; it heeds only its servers' replies.
        assertEquals(2, udp.size(), bound.toString());
    }

    @Test
    void theRpcEndpointListensOnlyWhereConfigured() throws Exception {
        int forward = agents.freePort();
        int monitor = agents.freePort();
        int rpc = agents.freePort();
        Set<Bound> bound = boundOnceReady(config(forward, monitor, FluentConf.system("rpc_endpoint 127.0.0.1:" + rpc)), "RPC endpoint listening");
        InetAddress local = InetAddress.getByName("127.0.0.1");
        Set<InetSocketAddress> tcp = addresses(bound, true);
        assertEquals(3, tcp.size(), bound.toString());
        assertTrue(tcp.contains(new InetSocketAddress(local, forward)) && tcp.contains(new InetSocketAddress(local, rpc))
                && tcp.stream().anyMatch(a -> a.getPort() == monitor), bound.toString());
    }

    private static Set<InetSocketAddress> addresses(Set<Bound> bound, boolean tcp) {
        return bound.stream().filter(b -> b.tcp() == tcp).map(Bound::address).collect(Collectors.toSet());
    }

    /** The process's listening TCP sockets and bound UDP sockets. */
    private static Set<Bound> bound(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing is no listening socket
                }
            }
        }
        Set<Bound> out = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(p)) {
                continue;
            }
            boolean tcp = table.startsWith("tcp");
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                boolean listening = tcp ? f[3].equals("0A") : f[3].equals("07");
                if (listening && inodes.contains(f[9])) {
                    out.add(new Bound(address(f[1]), tcp));
                }
            }
        }
        return out;
    }

    /** {@code 0100007F:5E90} (or 32 hex digits for IPv6): 32-bit words in host (little-endian) order. */
    private static InetSocketAddress address(String field) throws IOException {
        String[] hp = field.split(":");
        byte[] ip = new byte[hp[0].length() / 2];
        for (int word = 0; word < ip.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                ip[word * 4 + b] = (byte) Integer.parseInt(hp[0].substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(ip), Integer.parseInt(hp[1], 16));
    }
}
