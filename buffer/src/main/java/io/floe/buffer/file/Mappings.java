package io.floe.buffer.file;

import java.lang.reflect.Field;
import java.nio.MappedByteBuffer;

/**
 * Releases a file mapping now rather than when the garbage collector gets to it: a deleted data file's
 * disk space and pages are only given back once its mapping is gone, and a mapping that lives on in the
 * old generation can outlive it by hours. The caller must know that no thread still uses the mapping
 * (an access after this crashes the process), which {@link SegmentFiles} does with its in-flight counts.
 */
final class Mappings {
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private Mappings() {
    }

    static void unmap(MappedByteBuffer map) {
        if (map != null && UNSAFE != null) {
            UNSAFE.invokeCleaner(map);
        }
    }

    /** Null when the JVM does not give it out: mappings are then released by the garbage collector. */
    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
