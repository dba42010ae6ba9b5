package io.floe.outputs.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One ready connection to a server: sends a chunk's messages and waits until they are written, or acknowledged. */
final class Connection {
    private final Channel channel;
    private final ConnectionHandler handler;
    private volatile long idleSince = System.nanoTime();

    Connection(Channel channel, ConnectionHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    long idleNanos() {
        return System.nanoTime() - idleSince;
    }

    /**
     * Writes the messages; with ack ids, returns once the server acknowledged every one of them.
     *
     * @throws TimeoutException when a write or an ack did not come in time (the connection is then closed)
     */
    void send(List<PackedForward> messages, List<String> ackIds, Duration sendTimeout, Duration ackTimeout)
            throws IOException, TimeoutException, InterruptedException {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (String id : ackIds) {
            acks.add(handler.expectAck(id));
        }
        ChannelFuture last = null;
        for (PackedForward m : messages) {
            last = channel.write(m.toByteBuf());
        }
        channel.flush();
        try {
            if (last != null && !last.await(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("send_timeout: could not write the chunk within " + sendTimeout.toSeconds() + "s");
            }
            if (last != null && !last.isSuccess()) {
                throw new IOException("could not write the chunk: " + last.cause(), last.cause());
            }
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (CompletableFuture<Void> a : acks) {
                a.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | IOException | InterruptedException e) {
            close();
            throw e;
        } catch (ExecutionException e) {
            io.floe.api.FatalErrors.exitIfFatal(e.getCause());
            close();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } finally {
            for (String id : ackIds) {
                handler.forget(id);
            }
        }
        idleSince = System.nanoTime();
    }

    void close() {
        channel.close();
    }
}
