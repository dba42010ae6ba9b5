package io.floe.agent.process;

import io.floe.bench.Entries;
import io.floe.testkit.ForwardClient;
import io.floe.testkit.MachineSpeed;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends numbered events to the agent's forward input in batches with acks, the way a careful client
 * does: a batch counts as delivered only when acked; on a broken connection it reconnects (waiting for
 * the agent to come back) and sends every unacknowledged batch again.
 */
final class ForwardFeeder {
    private final int port;
    private final String tag;
    private final int batch;
    private final int window;
    /** The machine's figure: a batch sent again only because the machine was slow would be a duplicate in the output. */
    private Duration ackTimeout = MachineSpeed.allow(Duration.ofSeconds(10));
    private final BitSet acked = new BitSet();
    private int recordSize = 200;
    private long firstSeq;
    private volatile long ackedEvents;
    private int reconnects;
    private volatile int connectFailures;

    ForwardFeeder(int port, String tag, int batch, int window) {
        this.port = port;
        this.tag = tag;
        this.batch = batch;
        this.window = window;
    }

    /** How long to wait for an ack before the connection counts as broken and unacknowledged batches go again. */
    ForwardFeeder ackTimeout(Duration d) {
        this.ackTimeout = d;
        return this;
    }

    /** Numbers the events from {@code seq} on, so several feeds of one test never share a number. */
    ForwardFeeder firstSeq(long seq) {
        this.firstSeq = seq;
        return this;
    }

    ForwardFeeder recordSize(int bytes) {
        this.recordSize = bytes;
        return this;
    }

    long ackedEvents() {
        return ackedEvents;
    }

    int reconnects() {
        return reconnects;
    }

    /** Connection attempts that failed (refused, timed out): while the agent is meant to be up, there must be none. */
    int connectFailures() {
        return connectFailures;
    }

    /** {@link #send} on another thread, for a test that does something else meanwhile; a failure completes it exceptionally. */
    CompletableFuture<Void> sendAsync(long total, Duration giveUpAfter) {
        return CompletableFuture.runAsync(() -> {
            try {
                send(total, giveUpAfter);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Sends events firstSeq..firstSeq+total-1; returns once every batch is acknowledged. */
    void send(long total, Duration giveUpAfter) throws Exception {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        int batches = (int) ((total + batch - 1) / batch);
        int next = 0;
        Deque<Integer> toResend = new ArrayDeque<>();
        Deque<Integer> pending = new ArrayDeque<>();
        long now = System.currentTimeMillis() / 1000;
        while (acked.cardinality() < batches) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up: " + acked.cardinality() + " of " + batches + " batches acknowledged");
            }
            // Everything sent on a broken connection and never acknowledged goes again, first.
            while (!pending.isEmpty()) {
                toResend.addFirst(pending.pollLast());
            }
            ForwardClient client;
            try {
                client = new ForwardClient("127.0.0.1", port, ackTimeout);
            } catch (IOException e) {
                connectFailures++;
                Thread.sleep(50); // the agent is restarting
                continue;
            }
            try (client) {
                while (acked.cardinality() < batches) {
                    while (pending.size() < window && (!toResend.isEmpty() || next < batches)) {
                        int b = !toResend.isEmpty() ? toResend.peek() : next;
                        int count = (int) Math.min(batch, total - (long) b * batch);
                        client.send(ForwardClient.Mode.PACKED, tag, Entries.numbered(firstSeq + (long) b * batch, count, recordSize, now), count, "b" + b);
                        if (!toResend.isEmpty()) {
                            toResend.poll();
                        } else {
                            next++;
                        }
                        pending.add(b);
                    }
                    client.flush();
                    String chunk = client.readAck();
                    int b = Integer.parseInt(chunk.substring(1));
                    if (!pending.remove(b)) {
                        throw new AssertionError("ack for a batch not in flight: " + chunk);
                    }
                    if (!acked.get(b)) {
                        acked.set(b);
                        ackedEvents += Math.min(batch, total - (long) b * batch);
                    }
                }
            } catch (IOException e) {
                reconnects++;
            }
        }
    }
}
