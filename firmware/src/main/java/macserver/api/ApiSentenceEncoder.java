package macserver.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a sentence as RouterOS does: each word behind its length in 1 to 5 bytes, then the empty
 * word. Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class ApiSentenceEncoder extends MessageToByteEncoder<ApiSentence> {
    static final ApiSentenceEncoder INSTANCE = new ApiSentenceEncoder();

    private ApiSentenceEncoder() {
        super(ApiSentence.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ApiSentence msg, boolean preferDirect) {
        int size = 1;
        for (String w : msg.words()) {
            int n = w.getBytes(StandardCharsets.UTF_8).length;
            size += lengthBytes(n) + n;
        }
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ApiSentence msg, ByteBuf out) {
        for (String w : msg.words()) {
            byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
            writeLength(out, bytes.length);
            out.writeBytes(bytes);
        }
        out.writeByte(0);
    }

    static int lengthBytes(int n) {
        if (n < 0x80) {
            return 1;
        } else if (n < 0x4000) {
            return 2;
        } else if (n < 0x200000) {
            return 3;
        } else if (n < 0x10000000) {
            return 4;
        }
        return 5;
    }

    static void writeLength(ByteBuf out, int n) {
        switch (lengthBytes(n)) {
            case 1 -> out.writeByte(n);
            case 2 -> out.writeShort(n | 0x8000);
            case 3 -> out.writeMedium(n | 0xC00000);
            case 4 -> out.writeInt(n | 0xE0000000);
            default -> {
                out.writeByte(0xF0);
                out.writeInt(n);
            }
        }
    }
}
