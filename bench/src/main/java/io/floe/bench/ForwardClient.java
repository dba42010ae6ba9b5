package io.floe.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * A blocking Fluentd forward-protocol client: sends Message, Forward, PackedForward and
 * CompressedPackedForward frames and reads {@code {"ack": chunk}} answers. Small on purpose, so a
 * load generator measures the agent and not the client.
 */
public final class ForwardClient implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final MessageUnpacker in;

    public ForwardClient(String host, int port, Duration timeout) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSendBufferSize(1 << 20);
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = MessagePack.newDefaultUnpacker(socket.getInputStream());
    }

    /** Frame modes of the forward protocol. */
    public enum Mode { MESSAGE, FORWARD, PACKED, COMPRESSED }

    /** Sends {@code count} entries ({@code [time, record]} concatenated) in one frame of the given mode. */
    public void send(Mode mode, String tag, byte[] entries, int count, String chunk) throws IOException {
        if (mode == Mode.MESSAGE) {
            throw new IllegalArgumentException("Message mode carries one event: use sendMessage");
        }
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(3);
        p.packString(tag);
        switch (mode) {
            case FORWARD -> {
                p.packArrayHeader(count);
                p.writePayload(entries);
            }
            case PACKED -> {
                p.packBinaryHeader(entries.length);
                p.writePayload(entries);
            }
            default -> {
                byte[] gz = gzip(entries);
                p.packBinaryHeader(gz.length);
                p.writePayload(gz);
            }
        }
        int options = 1 + (chunk != null ? 1 : 0) + (mode == Mode.COMPRESSED ? 1 : 0);
        p.packMapHeader(options);
        p.packString("size").packInt(count);
        if (chunk != null) {
            p.packString("chunk").packString(chunk);
        }
        if (mode == Mode.COMPRESSED) {
            p.packString("compressed").packString("gzip");
        }
        p.close();
        out.write(p.toByteArray());
    }

    /** Message mode: {@code [tag, time, record, {chunk}]}, one event per frame, as Docker's driver sends. */
    public void sendMessage(String tag, long seconds, int nanos, byte[] record, String chunk) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(chunk == null ? 3 : 4);
        p.packString(tag);
        Entries.packEventTime(p, seconds, nanos);
        p.writePayload(record);
        if (chunk != null) {
            p.packMapHeader(1).packString("chunk").packString(chunk);
        }
        p.close();
        out.write(p.toByteArray());
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Blocks until the next ack and returns its chunk id. */
    public String readAck() throws IOException {
        if (!in.hasNext()) {
            // The server closed the connection (a reload ends connections this way once their acks are out).
            throw new java.io.EOFException("connection closed by the server");
        }
        int n = in.unpackMapHeader();
        String chunk = null;
        for (int i = 0; i < n; i++) {
            String key = in.unpackString();
            if (key.equals("ack")) {
                chunk = in.unpackString();
            } else {
                in.skipValue();
            }
        }
        if (chunk == null) {
            throw new IOException("answer without ack");
        }
        return chunk;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(data);
        }
        return bo.toByteArray();
    }

}
