package io.floe.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import javax.net.SocketFactory;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;

/**
 * The one blocking Fluentd forward-protocol client of the tests and the load generator. It sends Message,
 * Forward, PackedForward and CompressedPackedForward frames (buffered until {@link #flush()}, so a load
 * generator measures the agent and not the client), and, for the modes, options and failures no library
 * client produces on demand, raw bytes and msgpack values (sent at once); it reads acks and replies, does
 * the handshake, and tells when the server has closed.
 */
public final class ForwardClient implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final MessageUnpacker replies;

    /** Connects to {@code host:port}; {@code timeout} bounds the connect and every read. */
    public ForwardClient(String host, int port, Duration timeout) throws IOException {
        this(open(SocketFactory.getDefault(), host, port, (int) timeout.toMillis(), 1 << 20), (int) timeout.toMillis());
    }

    private ForwardClient(Socket socket, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.replies = MessagePack.newDefaultUnpacker(in);
    }

    /** A client of 127.0.0.1:{@code port} (5 s to connect, 10 s per read). */
    public static ForwardClient connect(int port) throws IOException {
        return connect(port, SocketFactory.getDefault());
    }

    /** The same through {@code factory}, e.g. a TLS context's socket factory. */
    public static ForwardClient connect(int port, SocketFactory factory) throws IOException {
        return new ForwardClient(open(factory, "127.0.0.1", port, 5000, 0), 10_000);
    }

    /** A connected socket; {@code sendBuffer} 0 leaves the system's default. */
    private static Socket open(SocketFactory factory, String host, int port, int connectMillis, int sendBuffer) throws IOException {
        Socket s = factory.createSocket();
        s.setTcpNoDelay(true);
        if (sendBuffer > 0) {
            s.setSendBufferSize(sendBuffer);
        }
        s.connect(new InetSocketAddress(host, port), connectMillis);
        return s;
    }

    public Socket socket() {
        return socket;
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
        packEventTime(p, seconds, nanos);
        p.writePayload(record);
        if (chunk != null) {
            p.packMapHeader(1).packString("chunk").packString(chunk);
        }
        p.close();
        out.write(p.toByteArray());
    }

    /** An EventTime as the forward protocol sends it: ext type 0, seconds and nanoseconds big-endian (fixext8). */
    public static void packEventTime(MessagePacker p, long seconds, int nanos) throws IOException {
        byte[] t = new byte[8];
        for (int i = 0; i < 4; i++) {
            t[i] = (byte) (seconds >>> (24 - 8 * i));
            t[4 + i] = (byte) (nanos >>> (24 - 8 * i));
        }
        p.packExtensionTypeHeader((byte) 0, 8);
        p.writePayload(t);
    }

    /** Sends these bytes as they are, at once (with whatever frames were buffered before them). */
    public ForwardClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a frame built by {@link Mp#pack}, at once. */
    public ForwardClient send(Object frame) throws IOException {
        return send(Mp.pack(frame));
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** The next reply, whatever it is. */
    public Value read() throws IOException {
        return replies.unpackValue();
    }

    /** Blocks until the next ack and returns its chunk id. */
    public String readAck() throws IOException {
        if (!replies.hasNext()) {
            // The server closed the connection (a reload ends connections this way once their acks are out).
            throw new EOFException("connection closed by the server");
        }
        int n = replies.unpackMapHeader();
        String chunk = null;
        for (int i = 0; i < n; i++) {
            String key = replies.unpackString();
            if (key.equals("ack")) {
                chunk = replies.unpackString();
            } else {
                replies.skipValue();
            }
        }
        if (chunk == null) {
            throw new IOException("answer without ack");
        }
        return chunk;
    }

    /** True once the server has closed (EOF or reset) within 30 s. */
    public boolean closedByServer() throws IOException {
        return closedByServer(30_000);
    }

    /** Whether the server closes within {@code millis}; for "stays open" checks, a short wait. */
    public boolean closedByServer(int millis) throws IOException {
        if (socket.isClosed()) {
            return true; // a TLS socket closes itself once the server has refused its handshake
        }
        socket.setSoTimeout(millis);
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset: linger_timeout 0 closes with RST, as Fluentd does
        }
    }

    /** Reads HELO, answers PING, returns PONG. */
    public ArrayValue handshake(String hostname, String sharedKey, String username, String password) throws IOException {
        Handshakes.Helo helo = Handshakes.helo(read());
        send(Handshakes.ping(helo, hostname, sharedKey, username, password));
        return read().asArrayValue();
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
