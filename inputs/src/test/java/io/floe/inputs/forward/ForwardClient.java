package io.floe.inputs.forward;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * A plain blocking forward-protocol client for the modes, options and failures no library client
 * produces on demand: sends raw bytes, reads msgpack replies, does the handshake.
 */
final class ForwardClient implements Closeable {
    final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final MessageUnpacker replies;

    private ForwardClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
        this.replies = MessagePack.newDefaultUnpacker(in);
    }

    static ForwardClient connect(int port) throws IOException {
        return connect(port, SocketFactory.getDefault());
    }

    static ForwardClient connect(int port, SocketFactory factory) throws IOException {
        Socket s = factory.createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new ForwardClient(s);
    }

    ForwardClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    ForwardClient send(Object frame) throws IOException {
        return send(Mp.pack(frame));
    }

    Value read() throws IOException {
        return replies.unpackValue();
    }

    String readAck() throws IOException {
        return read().asMapValue().map().get(ValueFactory.newString("ack")).asStringValue().asString();
    }

    /** True once the server has closed (EOF or reset) within the read timeout. */
    boolean closedByServer() throws IOException {
        return closedByServer(30_000);
    }

    /** Whether the server closes within {@code millis}; for "stays open" checks, a short wait. */
    boolean closedByServer(int millis) throws IOException {
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
    ArrayValue handshake(String hostname, String sharedKey, String username, String password) throws IOException {
        Handshakes.Helo helo = Handshakes.helo(read());
        send(Handshakes.ping(helo, hostname, sharedKey, username, password));
        return read().asArrayValue();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
