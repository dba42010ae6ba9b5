package io.floe.inputs.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Sits on a listening channel in place of Netty's own acceptor, so the connections it accepts can go to
 * a different owner after a reload: each accepted channel is handed to the attached acceptor, or kept
 * until one is attached. All state is the listening channel's event loop's.
 */
final class AcceptDispatcher extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Channel> waiting = new ArrayDeque<>();
    private final Runnable onAcceptFailure;
    private Consumer<Channel> acceptor;

    /** @param onAcceptFailure what to do when accepting fails (too many open files): back off, rather than spin */
    AcceptDispatcher(Runnable onAcceptFailure) {
        this.onAcceptFailure = onAcceptFailure;
    }

    AcceptDispatcher() {
        this(() -> {
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        if (acceptor != null) {
            hand(child);
        } else {
            waiting.add(child);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        io.floe.api.FatalErrors.exitIfFatal(cause);
        // Accept failures (too many open files) leave the listener listening; retrying at once would spin.
        onAcceptFailure.run();
    }

    void attach(Consumer<Channel> next) {
        acceptor = next;
        while (!waiting.isEmpty()) {
            hand(waiting.poll());
        }
    }

    void detach() {
        acceptor = null;
    }

    void closeWaiting() {
        while (!waiting.isEmpty()) {
            waiting.poll().unsafe().closeForcibly();
        }
    }

    private void hand(Channel child) {
        try {
            acceptor.accept(child);
        } catch (RuntimeException e) {
            child.unsafe().closeForcibly();
        }
    }
}
