import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites jars for a firmware image (image/steps/firmware.sh runs it with the build machine's
 * JDK 25, as a single-file program): every class loses its local variable tables (names and
 * generic types of locals, used only by debuggers), and with --drop-line-numbers also its line
 * number tables (stack traces then say "Unknown Source", as the runtime's own classes do). The
 * code, its stack maps and every other attribute stay as they were; entries keep their order
 * and are stored uncompressed (the image's squashfs compresses them).
 *
 * usage: java StripDebug.java [--drop-line-numbers] JAR...
 */
public final class StripDebug {
    public static void main(String[] args) throws IOException {
        List<String> jars = new ArrayList<>(List.of(args));
        boolean dropLines = jars.remove("--drop-line-numbers");
        ClassFile classFile = dropLines
                ? ClassFile.of(ClassFile.DebugElementsOption.DROP_DEBUG, ClassFile.LineNumbersOption.DROP_LINE_NUMBERS)
                : ClassFile.of(ClassFile.DebugElementsOption.DROP_DEBUG);
        long before = 0;
        long after = 0;
        for (String name : jars) {
            Path jar = Path.of(name);
            before += Files.size(jar);
            Path rewritten = jar.resolveSibling(jar.getFileName() + ".stripping");
            try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(rewritten);
                    ZipOutputStream out = new ZipOutputStream(file)) {
                for (ZipEntry entry : Collections.list(in.entries())) {
                    byte[] bytes = in.getInputStream(entry).readAllBytes();
                    if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                        ClassModel model = classFile.parse(bytes);
                        // Rebuilding each method body is what leaves the dropped tables out.
                        bytes = classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
                    }
                    out.putNextEntry(stored(entry, bytes));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
            after += Files.size(jar);
        }
        System.out.printf("%d jars: %.1f -> %.1f MiB%s%n", jars.size(), before / 1048576.0, after / 1048576.0,
                dropLines ? " (local variable and line number tables dropped)" : " (local variable tables dropped)");
    }

    private static ZipEntry stored(ZipEntry original, byte[] bytes) {
        ZipEntry entry = new ZipEntry(original.getName());
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        entry.setTime(original.getTime());
        return entry;
    }
}
