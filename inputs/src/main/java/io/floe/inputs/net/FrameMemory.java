package io.floe.inputs.net;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bytes all connections of one forward input hold in messages that have not fully arrived, against
 * one cap ({@code receive_buffer_size_limit}); and the output of the messages being inflated, against
 * {@code decompression_size_limit}. Each connection may hold
 * up to a frame's limit for up to the frame timeout, so without a cap a few hundred slow or stalled
 * clients could make the agent allocate gigabytes. Past the cap a connection that grows stops reading
 * (the kernel's socket buffer and TCP flow control push back on its client) and reads again once bytes
 * are released, by a frame completing or a connection closing (a stalled one is closed by its frame
 * timer).
 * <p>Two exceptions keep well-behaved clients moving while the cap is exceeded:
 * <ul>
 * <li>a connection holding no more than {@link #SMALL_HOLD} after a read (a client of small messages:
 *     what it holds is the unfinished tail of one read) keeps reading;</li>
 * <li>one connection at a time, the leader, keeps reading past the cap until its frame is complete, so
 *     several large messages that together exceed the cap cannot wait for each other until their
 *     timers close them all.</li>
 * </ul>
 * When the leader's frame completes, or the total falls to the cap, paused connections are woken, as
 * many as the room under the cap allows one read each, and contend again. So the total stays below {@code cap + one frame + (SMALL_HOLD + one read) per
 * connection}. Accounting is per read (one atomic add when what a connection holds changed), not per byte.
 * <p>Complete messages being decoded and emitted (copied onto the heap) count against a third cap, so that
 * large messages arriving on several connections at once cannot together exceed the heap: past it a
 * message is refused (see {@link #takeDecoding}).
 */
public final class FrameMemory {
    /** A connection holding no more than this is "small" (below one socket read of 64 KiB). */
    public static final int SMALL_HOLD = 16 << 10;
    /** The most one socket read brings (Netty's adaptive receive buffer stops at 64 KiB). */
    private static final int READ_SIZE = 64 << 10;

    /**
     * Messages up to this size are not counted against the decode cap: an event loop decodes one message at
     * a time, so they add at most a few MiB, and a stream of small messages never refuses a large one.
     */
    public static final int UNCOUNTED_DECODE = 1 << 20;

    private final long cap;
    /** The most bytes of inflated output (heap, where frames are direct memory) that may be taken at once. */
    private final long inflateCap;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong inflating = new AtomicLong();
    /** The most bytes of complete messages that may be decoded (on the heap) at once. */
    private final long decodeCap;
    private final AtomicLong decoding = new AtomicLong();
    private final AtomicReference<Channel> leader = new AtomicReference<>();
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();

    public FrameMemory(long cap, long inflateCap) {
        this(cap, inflateCap, Long.MAX_VALUE / 4);
    }

    public FrameMemory(long cap, long inflateCap, long decodeCap) {
        this.cap = cap;
        this.inflateCap = inflateCap;
        this.decodeCap = decodeCap;
    }

    /** No cap: for handlers used alone (tests, tools). */
    public static FrameMemory unbounded() {
        return new FrameMemory(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);
    }

    public long held() {
        return held.get();
    }

    public long inflating() {
        return inflating.get();
    }

    /** Connections paused for memory right now. */
    public int pausedConnections() {
        return paused.size();
    }

    /**
     * A connection went from holding {@code before} to {@code now} bytes of unfinished frames; pauses its
     * reading if that growth is past the cap, and answers whether it did. Call on the channel's event loop.
     */
    public boolean update(Channel ch, long before, long now) {
        long delta = now - before;
        if (delta == 0) {
            return false;
        }
        long total = held.addAndGet(delta);
        if (delta < 0) {
            released(ch, total);
        } else if (!mayGrow(ch, now, total)) {
            pause(ch);
            return true;
        }
        return false;
    }

    /** The connection closed (or its decoder left) holding {@code before} bytes. */
    public void closed(Channel ch, long before) {
        paused.remove(ch);
        long total = held.addAndGet(-before);
        released(ch, total);
    }

    /**
     * Takes {@code bytes} for inflating a message if the output of all messages being inflated stays
     * within the inflate cap ({@code decompression_size_limit}: one message of the largest size, or several
     * smaller ones, at a time); false if not (the caller refuses the message, which its client sends
     * again). Give them back with {@link #give}.
     */
    public boolean take(long bytes) {
        return takeWithin(inflating, bytes, inflateCap);
    }

    public void give(long bytes) {
        inflating.addAndGet(-bytes);
    }

    public long decoding() {
        return decoding.get();
    }

    /**
     * Takes {@code bytes} for decoding and emitting a complete message if all messages being decoded stay
     * within the decode cap; a message alone is always taken (the frame limit bounds it). False if not:
     * the caller refuses the message, unacknowledged, and its client sends it again. Give them back with
     * {@link #giveDecoding} once the message's bytes are emitted.
     */
    public boolean takeDecoding(long bytes) {
        if (bytes <= UNCOUNTED_DECODE) {
            return true;
        }
        return takeWithin(decoding, bytes, decodeCap);
    }

    /** Adds {@code bytes} to {@code used} unless that passes {@code cap} while others hold some: one message alone is always taken. */
    private static boolean takeWithin(AtomicLong used, long bytes, long cap) {
        long total = used.addAndGet(bytes);
        if (total - bytes > 0 && total > cap) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    public void giveDecoding(long bytes) {
        if (bytes <= UNCOUNTED_DECODE) {
            return;
        }
        decoding.addAndGet(-bytes);
    }

    public long decodeCap() {
        return decodeCap;
    }

    private boolean mayGrow(Channel ch, long now, long total) {
        if (total <= cap) {
            return true;
        }
        if (now <= SMALL_HOLD) {
            return true;
        }
        Channel l = leader.get();
        return l == ch || (l == null && leader.compareAndSet(null, ch));
    }

    private void pause(Channel ch) {
        // Registered before it is paused and the total checked after: a release in between either
        // sees this connection among the paused or is seen here.
        paused.add(ch);
        ReadSwitch.off(ch, ReadSwitch.MEMORY);
        if (held.get() <= cap) {
            wake(ch);
        }
    }

    /**
     * Wakes as many paused connections as the room under the cap allows at one read each (at least one
     * when the leader's frame completed, to lead next): waking them all at once would have every one of
     * them read, and grow, at the same moment.
     */
    private void released(Channel ch, long total) {
        boolean ledOff = ch != null && leader.compareAndSet(ch, null);
        if ((ledOff || total <= cap) && !paused.isEmpty()) {
            long room = Math.max(1, (cap - total) / READ_SIZE);
            for (Channel p : paused) {
                if (room-- <= 0) {
                    break;
                }
                wake(p);
            }
        }
    }

    private void wake(Channel ch) {
        if (paused.remove(ch)) {
            if (ch.eventLoop().inEventLoop()) {
                ReadSwitch.on(ch, ReadSwitch.MEMORY);
            } else {
                ch.eventLoop().execute(() -> ReadSwitch.on(ch, ReadSwitch.MEMORY));
            }
        }
    }
}
