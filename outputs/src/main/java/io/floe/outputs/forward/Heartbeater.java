package io.floe.outputs.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;

/**
 * Every {@code heartbeat_interval}: judges each server ({@link ServerNode#tick}) and asks it for a sign of life —
 * a connection over the configured transport ({@code transport}), a plain TCP connection ({@code tcp}), or a
 * one-byte UDP datagram that in_forward echoes ({@code udp}). Answers feed the failure detector; a server that
 * is detached or recovered makes the balancer rebuild.
 */
final class Heartbeater {
    private final ForwardOutput.HeartbeatType type;
    private final ServerSet servers;
    private final Connector connector;
    private final EventLoopGroup group;
    private final long intervalMillis;
    private final DoubleSupplier clock;
    private final Logger log;
    private final Map<InetSocketAddress, ServerNode> byAddress = new ConcurrentHashMap<>();
    private Channel udp;
    private ScheduledExecutorService timer;

    Heartbeater(ForwardOutput.HeartbeatType type, ServerSet servers, Connector connector, EventLoopGroup group, long intervalMillis,
                DoubleSupplier clock, Logger log) {
        this.type = type;
        this.servers = servers;
        this.connector = connector;
        this.group = group;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
        this.log = log;
    }

    void start() throws InterruptedException {
        if (type == ForwardOutput.HeartbeatType.UDP) {
            udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                            ServerNode n = byAddress.get(p.sender());
                            if (n != null) {
                                alive(n);
                            }
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            io.floe.api.FatalErrors.exitIfFatal(cause);
                            // ICMP port unreachable from a server that is down: its silence already says so.
                        }
                    }).bind(0).sync().channel();
        }
        // Its own thread: resolving a server's name may block, and must not hold up the connections' event loop.
        timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("forward-out-heartbeat", true));
        timer.scheduleAtFixedRate(this::beat, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (udp != null) {
            udp.close();
        }
    }

    private void beat() {
        try {
            beatOnce();
        } catch (RuntimeException e) {
            // A failed round must not end the schedule (a scheduled task that throws is never run again).
            log.warn("heartbeat round failed: {}", e.toString());
        }
    }

    private void beatOnce() {
        double now = clock.getAsDouble();
        boolean changed = false;
        for (ServerNode n : servers.nodes()) {
            changed |= n.tick(now);
        }
        if (changed) {
            servers.rebuild();
        }
        if (type == ForwardOutput.HeartbeatType.NONE) {
            return;
        }
        for (ServerNode n : servers.nodes()) {
            InetSocketAddress a;
            try {
                a = n.address(now);
            } catch (java.net.UnknownHostException e) {
                log.debug("heartbeat to '{}': cannot resolve {}", n.name(), n.settings().host());
                continue;
            }
            switch (type) {
                case UDP -> {
                    byAddress.put(a, n);
                    udp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {0}), a));
                }
                case TCP -> connector.probe(n.settings().host(), a, false, () -> alive(n));
                default -> connector.probe(n.settings().host(), a, true, () -> alive(n));
            }
        }
    }

    private void alive(ServerNode n) {
        if (n.heartbeat(clock.getAsDouble())) {
            servers.rebuild();
        }
    }
}
