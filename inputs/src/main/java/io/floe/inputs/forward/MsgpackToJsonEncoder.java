package io.floe.inputs.forward;

import io.floe.codec.event.JsonTranscoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** On a JSON connection, writes the replies (acks) as JSON, as in_forward answers in the client's format. */
final class MsgpackToJsonEncoder extends MessageToMessageEncoder<ByteBuf> {
    private final JsonTranscoder json = new JsonTranscoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) throws Exception {
        if (!msg.isReadable()) {
            out.add(msg.retain());
            return;
        }
        byte[] b = ByteBufUtil.getBytes(msg);
        var reply = new ByteArrayOutputStream(b.length + 16);
        json.write(b, 0, b.length, reply);
        out.add(Unpooled.wrappedBuffer(reply.toByteArray()));
    }
}
