package io.floe.inputs.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.codec.msgpack.MsgpackCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Turns a JSON frame ({@code ["tag", time, {record}]} and the like) into the msgpack frame it stands
 * for, so the rest of the pipeline knows one format. JSON connections are rare (in_forward keeps them
 * for old clients), so a tree per frame is fine here.
 */
final class JsonToMsgpackDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, JSON.readTree(new ByteBufInputStream(frame)), 0);
            out.add(Unpooled.wrappedBuffer(p.toByteArray()));
        } catch (JsonProcessingException e) {
            throw new ForwardProtocolException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ForwardProtocolException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static void write(MessageBufferPacker p, JsonNode n, int depth) throws IOException {
        if (depth > MsgpackCursor.DEFAULT_MAX_DEPTH) {
            throw new ForwardProtocolException("message nests deeper than " + MsgpackCursor.DEFAULT_MAX_DEPTH + " levels");
        }
        switch (n.getNodeType()) {
            case ARRAY -> {
                p.packArrayHeader(n.size());
                for (JsonNode e : n) {
                    write(p, e, depth + 1);
                }
            }
            case OBJECT -> {
                p.packMapHeader(n.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    p.packString(e.getKey());
                    write(p, e.getValue(), depth + 1);
                }
            }
            case STRING -> p.packString(n.textValue());
            case NUMBER -> {
                if (n.isIntegralNumber() && n.canConvertToLong()) {
                    p.packLong(n.longValue());
                } else if (n.isIntegralNumber()) {
                    p.packBigInteger(n.bigIntegerValue());
                } else {
                    p.packDouble(n.doubleValue());
                }
            }
            case BOOLEAN -> p.packBoolean(n.booleanValue());
            default -> p.packNil();
        }
    }
}
