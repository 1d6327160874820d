package macserver.libc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * libc functions through the FFM linker, every one capturing errno. size_t and ssize_t appear as
 * Java long on every platform, so callers can use invokeExact with one signature.
 */
public final class NativeCalls {
    private static final String WIDENED = "widened-to-java-long";
    public static final Linker LINKER = Linker.nativeLinker();
    /** C long and size_t, named so {@link #downcall} can widen them to Java long on 32-bit platforms. */
    public static final MemoryLayout C_LONG = LINKER.canonicalLayouts().get("long").withName(WIDENED);
    public static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t").withName(WIDENED);
    /** Layout of the errno capture segment each call takes as its first argument. */
    public static final StructLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private NativeCalls() {
    }

    /** A handle for libc's {@code name}; {@code options} adds e.g. the first variadic argument. */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(options, 0, all, 1, options.length);
        MethodHandle handle = LINKER.downcallHandle(symbol, descriptor, all);
        MethodType type = handle.type();
        // Parameter 0 is the errno capture segment; the C arguments follow it.
        for (int i = 1; i < type.parameterCount(); i++) {
            if (type.parameterType(i) == int.class && widened(descriptor.argumentLayouts().get(i - 1))) {
                type = type.changeParameterType(i, long.class);
            }
        }
        if (type.returnType() == int.class && descriptor.returnLayout().map(NativeCalls::widened).orElse(false)) {
            type = type.changeReturnType(long.class);
        }
        return MethodHandles.explicitCastArguments(handle, type);
    }

    private static boolean widened(MemoryLayout layout) {
        return layout.name().map(WIDENED::equals).orElse(false);
    }

    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** What a Throwable from invokeExact becomes: runtime exceptions and errors pass as they are. */
    public static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
