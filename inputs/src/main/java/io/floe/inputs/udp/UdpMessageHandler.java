package io.floe.inputs.udp;

import io.floe.api.FatalErrors;
import io.floe.api.PluginContext;
import io.floe.codec.text.RubyText;
import io.floe.inputs.forward.ForwardErrorHandler;
import io.floe.inputs.net.Messages;
import io.floe.inputs.net.TaggedBatch;
import io.floe.inputs.net.Throttle;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The datagrams of one in_udp (or in_syslog on UDP) socket, on its one event loop: each is parsed into events, and the events of one read
 * burst are emitted together. What cannot be taken (the input paused, the emit refused) is dropped and counted.
 */
@ChannelHandler.Sharable
public final class UdpMessageHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    /** What the handler applies: the longest message, one trailing newline removed, where the sender goes in records. */
    public record Settings(int messageLengthLimit, boolean removeNewline, String sourceAddressKey, String sourceHostnameKey) {
    }

    /** Hostnames looked up, at most this many kept: a reverse lookup per datagram would stall the loop. */
    private static final int HOSTNAMES_KEPT = 1024;

    private final PluginContext plugin;
    private final Settings config;
    private final Messages messages;
    private final int limit;
    private final LongAdder dropped = new LongAdder();
    private final Throttle truncations = new Throttle(TimeUnit.SECONDS.toNanos(10));
    private final Throttle drops = new Throttle(TimeUnit.SECONDS.toNanos(10));
    private final Map<InetSocketAddress, String> hostnames = new HashMap<>();
    private final TaggedBatch batch = new TaggedBatch();
    private volatile boolean paused;

    public UdpMessageHandler(PluginContext plugin, Settings config, Messages messages) {
        this.plugin = plugin;
        this.config = config;
        this.messages = messages;
        this.limit = config.messageLengthLimit();
    }

    int limit() {
        return limit;
    }

    void paused(boolean on) {
        paused = on;
    }

    long dropped() {
        return dropped.sum();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        String peer = ForwardErrorHandler.peer(packet.sender());
        if (paused) {
            drop(1, "the input is paused (buffer full)", peer);
            return;
        }
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (length > limit) {
            length = limit;
            long more = truncations.pass();
            if (more >= 0) {
                plugin.log().warn("message longer than message_length_limit, cut to it: limit={} head={} host=\"{}\"{}", limit,
                        RubyText.forLog(content.toString(content.readerIndex(), Math.min(limit, 64), StandardCharsets.UTF_8)),
                        peer, Throttle.more(more));
            }
        }
        String message = content.toString(content.readerIndex(), length, StandardCharsets.UTF_8);
        if (config.removeNewline()) {
            message = RubyText.chomp(message);
        }
        messages.add(message, source(packet.sender()), batch, peer);
    }

    private Map<String, String> source(InetSocketAddress sender) {
        if (config.sourceAddressKey() == null && config.sourceHostnameKey() == null) {
            return Map.of();
        }
        String address = sender.getAddress() != null ? sender.getAddress().getHostAddress() : sender.getHostString();
        Map<String, String> s = new LinkedHashMap<>(4);
        if (config.sourceAddressKey() != null) {
            s.put(config.sourceAddressKey(), address);
        }
        if (config.sourceHostnameKey() != null) {
            s.put(config.sourceHostnameKey(), hostname(sender, address));
        }
        return s;
    }

    private String hostname(InetSocketAddress sender, String address) {
        InetSocketAddress host = new InetSocketAddress(sender.getAddress(), 0);
        String name = hostnames.get(host);
        if (name == null) {
            if (hostnames.size() >= HOSTNAMES_KEPT) {
                hostnames.clear();
            }
            name = sender.getAddress() != null ? sender.getAddress().getHostName() : address;
            hostnames.put(host, name);
        }
        return name;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        batch.emit(plugin, (events, err) -> {
            if (err != null) {
                FatalErrors.exitIfFatal(err);
                drop(events.count(), "emit transaction failed: " + err.getClass().getName() + " " + err.getMessage(), "-");
            }
        });
        ctx.fireChannelReadComplete();
    }

    private void drop(int records, String why, String peer) {
        dropped.add(records);
        plugin.metrics().numErrors.increment();
        long more = drops.pass();
        if (more >= 0) {
            plugin.log().warn("dropped {} records: {} host=\"{}\"{}", records, why, peer, Throttle.more(more));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FatalErrors.exitIfFatal(cause);
        plugin.log().debug("udp socket: {}", cause.toString());
    }
}
