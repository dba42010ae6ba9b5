package io.floe.outputs.forward;

import io.floe.codec.forward.PackedForward;
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
    /**
     * Bytes of a chunk written to the channel but not yet to the socket before the next message is read: bounds
     * the heap and direct memory a flush holds, whatever the chunk's size.
     */
    static final int WRITE_WINDOW = 4 << 20;

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

    /** A chunk's messages, made one at a time as they are written. */
    interface Messages {
        int size();

        /** The i-th message, or null when that part of the chunk holds no events. */
        PackedForward get(int i);
    }

    /**
     * Writes the messages, reading the next one only once less than {@link #WRITE_WINDOW} bytes wait to be
     * written; with ack ids, returns once the server acknowledged every one of them.
     *
     * @throws TimeoutException when a write or an ack did not come in time (the connection is then closed)
     */
    void send(Messages messages, Duration sendTimeout, Duration ackTimeout)
            throws IOException, TimeoutException, InterruptedException {
        List<String> ackIds = new ArrayList<>();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try {
            ChannelFuture last = null;
            long waiting = 0;
            for (int i = 0; i < messages.size(); i++) {
                PackedForward m = messages.get(i);
                if (m == null) {
                    continue;
                }
                if (m.ackId() != null) {
                    ackIds.add(m.ackId());
                    acks.add(handler.expectAck(m.ackId()));
                }
                last = channel.write(m.toByteBuf());
                waiting += m.size();
                if (waiting >= WRITE_WINDOW) {
                    channel.flush();
                    awaitWritten(last, sendTimeout);
                    waiting = 0;
                }
            }
            channel.flush();
            if (last != null) {
                awaitWritten(last, sendTimeout);
            }
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (CompletableFuture<Void> a : acks) {
                a.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | IOException | InterruptedException | RuntimeException e) {
            // Part of the chunk may be on the wire with acks outstanding: this connection cannot carry another.
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

    private static void awaitWritten(ChannelFuture f, Duration sendTimeout) throws TimeoutException, IOException, InterruptedException {
        if (!f.await(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("send_timeout: could not write the chunk within " + sendTimeout.toSeconds() + "s");
        }
        if (!f.isSuccess()) {
            throw new IOException("could not write the chunk: " + f.cause(), f.cause());
        }
    }

    void close() {
        channel.close();
    }
}
