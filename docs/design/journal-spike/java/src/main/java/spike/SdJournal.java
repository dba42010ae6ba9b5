package spike;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** libsystemd's sd_journal API by JNA direct mapping (faster than interface mapping: no reflection per call). */
final class SdJournal {
    static {
        Native.register("systemd");
    }

    static final int SD_JOURNAL_LOCAL_ONLY = 1;

    private SdJournal() {
    }

    // out-parameters are plain Pointers into one reusable Memory block: no PointerByReference per call
    static native int sd_journal_open_directory(Pointer ret, String path, int flags);
    static native void sd_journal_close(Pointer j);
    static native int sd_journal_add_match(Pointer j, byte[] data, long size);
    static native int sd_journal_add_disjunction(Pointer j);
    static native int sd_journal_add_conjunction(Pointer j);
    static native int sd_journal_set_data_threshold(Pointer j, long sz);
    static native int sd_journal_next(Pointer j);
    static native int sd_journal_seek_head(Pointer j);
    static native int sd_journal_seek_tail(Pointer j);
    static native int sd_journal_previous(Pointer j);
    static native void sd_journal_restart_data(Pointer j);
    static native int sd_journal_enumerate_data(Pointer j, Pointer data, Pointer length);
    static native int sd_journal_get_realtime_usec(Pointer j, Pointer usec);
    static native int sd_journal_get_cursor(Pointer j, Pointer cursor);
    static native int sd_journal_seek_cursor(Pointer j, String cursor);
    static native int sd_journal_test_cursor(Pointer j, String cursor);
    static native int sd_journal_get_fd(Pointer j);
    static native int sd_journal_process(Pointer j);
    static native int sd_journal_wait(Pointer j, long timeoutUsec);
    static native int sd_journal_get_usage(Pointer j, Pointer bytes);

    /** libc's free for the strings sd_journal_get_cursor allocates. */
    static final class LibC {
        static {
            Native.register("c");
        }

        private LibC() {
        }

        static native void free(Pointer p);
    }
}
