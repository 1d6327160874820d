package macserver.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

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
            int n = ByteBufUtil.utf8Bytes(w);
            size += lengthBytes(n) + n;
        }
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ApiSentence msg, ByteBuf out) {
        writeTo(out, msg, null);
    }

    /**
     * Appends {@code msg} to {@code out}, with {@code .tag=tag} as its last word unless tag is null;
     * for a long answer (a print of many items) written as a few large buffers rather than one
     * message per sentence.
     */
    static void writeTo(ByteBuf out, ApiSentence msg, String tag) {
        for (String w : msg.words()) {
            writeWord(out, w);
        }
        if (tag != null) {
            writeWord(out, ".tag=" + tag);
        }
        out.writeByte(0);
    }

    private static void writeWord(ByteBuf out, String w) {
        writeLength(out, ByteBufUtil.utf8Bytes(w));
        ByteBufUtil.writeUtf8(out, w);
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
