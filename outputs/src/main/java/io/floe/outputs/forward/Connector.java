package io.floe.outputs.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens connections to forward servers: TCP, then TLS when {@code transport tls}, then the shared-key handshake
 * when {@code <security>} is given; a connection is handed out only once all of that succeeded.
 */
final class Connector {
    /** {@code <security>}: this client's hostname and the key every server shares unless its own is given. */
    record Security(String selfHostname, String sharedKey) {
    }

    private final EventLoopGroup group;
    private final SslContext tls;
    private final boolean verifyHostname;
    private final Security security;
    private final Duration connectTimeout;
    private final SecureRandom random = new SecureRandom();

    Connector(EventLoopGroup group, SslContext tls, boolean verifyHostname, Security security, Duration connectTimeout) {
        this.group = group;
        this.tls = tls;
        this.verifyHostname = verifyHostname;
        this.security = security;
        this.connectTimeout = connectTimeout;
    }

    /** A ready connection, or an exception saying why not (a {@link ClientHandshake.Failure} for a refused handshake). */
    Connection open(ServerNode node, InetSocketAddress address) throws IOException, InterruptedException {
        ServerNode.Settings s = node.settings();
        ConnectionHandler handler = new ConnectionHandler(security != null);
        ClientHandshake handshake = security == null ? null : new ClientHandshake(security.selfHostname(),
                s.sharedKey() != null ? s.sharedKey() : security.sharedKey(), s.username(), s.password(), random);
        Bootstrap b = bootstrap().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                if (tls != null) {
                    p.addLast(sslHandler(ch, s.host(), address.getPort()));
                }
                p.addLast(new ResponseFrameDecoder());
                if (handshake != null) {
                    p.addLast(new ClientHandshakeHandler(handshake));
                }
                p.addLast(handler);
            }
        });
        ChannelFuture connect = b.connect(address);
        Channel ch = connect.channel();
        try {
            connect.sync();
            // TLS and the handshake are bounded by the same limit as the TCP connect.
            handler.ready().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            io.floe.api.FatalErrors.exitIfFatal(e.getCause());
            ch.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            ch.close();
            throw new IOException("no " + (handshake != null ? "HELO/PONG" : "TLS handshake") + " from the server within "
                    + connectTimeout.toMillis() + " ms");
        } catch (Exception e) {
            ch.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return new Connection(ch, handler);
    }

    /**
     * A heartbeat over TCP (and TLS, when {@code withTls}): succeeds when the server accepts the connection,
     * which is closed again without sending anything, as Fluentd does.
     */
    void probe(String host, InetSocketAddress address, boolean withTls, Runnable onSuccess) {
        Bootstrap b = bootstrap().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (withTls && tls != null) {
                    ch.pipeline().addLast(sslHandler(ch, host, address.getPort()));
                }
            }
        });
        b.connect(address).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                return;
            }
            SslHandler ssl = f.channel().pipeline().get(SslHandler.class);
            if (ssl == null) {
                onSuccess.run();
                f.channel().close();
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    onSuccess.run();
                }
                f.channel().close();
            });
        });
    }

    private Bootstrap bootstrap() {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
    }

    private SslHandler sslHandler(SocketChannel ch, String host, int port) {
        SslHandler h = tls.newHandler(ch.alloc(), host, port);
        if (verifyHostname) {
            SSLEngine engine = h.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return h;
    }
}
