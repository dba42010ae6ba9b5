package io.floe.outputs.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * A minimal forward server on a real socket: reads PackedForward messages, records their tags and sizes, and
 * acknowledges them — or, when {@code silent}, never answers, like a server that hangs.
 */
final class TestForwardServer implements AutoCloseable {
    record Received(String tag, int size, String chunk) {
    }

    private final ServerSocket socket;
    private final boolean silent;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The PackedForward entries of each message received, as sent. */
    final List<byte[]> entries = new CopyOnWriteArrayList<>();

    TestForwardServer(boolean silent) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.silent = silent;
        Thread t = new Thread(this::accept, "test-forward-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "test-forward-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; MessageUnpacker u = MessagePack.newDefaultUnpacker(s.getInputStream())) {
            OutputStream out = s.getOutputStream();
            while (u.hasNext()) {
                Value msg = u.unpackValue();
                List<Value> parts = msg.asArrayValue().list();
                var options = parts.get(2).asMapValue().map();
                String chunk = null;
                int size = 0;
                for (var e : options.entrySet()) {
                    if (e.getKey().toString().equals("chunk")) {
                        chunk = e.getValue().toString();
                    } else if (e.getKey().toString().equals("size")) {
                        size = e.getValue().asIntegerValue().toInt();
                    }
                }
                entries.add(parts.get(1).isRawValue() ? parts.get(1).asRawValue().asByteArray() : new byte[0]);
                received.add(new Received(parts.get(0).toString(), size, chunk));
                if (!silent && chunk != null) {
                    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
                        p.packMapHeader(1).packString("ack").packString(chunk);
                        out.write(p.toByteArray());
                        out.flush();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
