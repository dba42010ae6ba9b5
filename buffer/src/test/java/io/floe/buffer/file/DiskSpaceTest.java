package io.floe.buffer.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.buffer.StorageFullException;
import io.floe.testkit.RecordingLogger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DiskSpaceTest {
    private static final long MIB = 1 << 20;
    private static final long RESERVE = 8 * MIB;
    private static final Runnable NOTHING_TO_GIVE_BACK = () -> { };

    private final AtomicLong free = new AtomicLong(100 * MIB);
    private final AtomicLong clock = new AtomicLong();
    private final RecordingLogger log = new RecordingLogger("test");
    private final DiskSpace space = new DiskSpace(Path.of("/var/lib/floe/buf"), RESERVE, free::get, clock::get, log);

    @Test
    void admitsWhileTheReserveStaysFreeAndRefusesNamingThePathAndTheFreeSpace() throws Exception {
        free.set(RESERVE + 2 * MIB);
        space.admit(MIB, NOTHING_TO_GIVE_BACK);
        space.written(MIB, true);
        free.addAndGet(-MIB);
        StorageFullException e = assertThrows(StorageFullException.class, () -> space.admit(2 * MIB, NOTHING_TO_GIVE_BACK));
        assertTrue(e.getMessage().contains("/var/lib/floe/buf") && e.getMessage().contains("9.0 MiB free"), e.getMessage());
        assertEquals(1, log.errors().size());
    }

    @Test
    void batchesStillBeingWrittenCountAgainstTheFreeSpace() throws Exception {
        free.set(RESERVE + 3 * MIB);
        space.admit(2 * MIB, NOTHING_TO_GIVE_BACK); // not written yet: the file system does not show it
        assertThrows(StorageFullException.class, () -> space.admit(2 * MIB, NOTHING_TO_GIVE_BACK));
        space.written(2 * MIB, true);
        free.addAndGet(-2 * MIB);
        space.admit(MIB, NOTHING_TO_GIVE_BACK);
    }

    @Test
    void aFullDiskIsLoggedOncePerIntervalWithTheCountHeldBack() {
        free.set(RESERVE);
        for (int i = 0; i < 1000; i++) {
            assertThrows(StorageFullException.class, () -> space.admit(1024, NOTHING_TO_GIVE_BACK));
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(10)); // 10 s in all
        }
        assertEquals(1, log.errors().size(), log.errors().toString());
        clock.addAndGet(DiskSpace.LOG_INTERVAL_NANOS);
        assertThrows(StorageFullException.class, () -> space.admit(1024, NOTHING_TO_GIVE_BACK));
        assertEquals(2, log.errors().size());
        assertTrue(log.errors().get(1).contains("999 more writes refused since the last message"), log.errors().get(1));
    }

    @Test
    void writesResumeByThemselvesOnceSpaceFrees() throws Exception {
        free.set(RESERVE);
        assertThrows(StorageFullException.class, () -> space.admit(1024, NOTHING_TO_GIVE_BACK));
        free.set(RESERVE + 10 * MIB);
        clock.addAndGet(1); // no wait: a reading near the reserve is taken again at once
        space.admit(1024, NOTHING_TO_GIVE_BACK);
        assertTrue(log.infos().stream().anyMatch(l -> l.contains("space is back") && l.contains("after 1 refused")), log.infos().toString());
    }

    @Test
    void spareFilesAreGivenBackBeforeAWriteIsRefused() throws Exception {
        free.set(RESERVE);
        int[] gaveBack = {0};
        space.admit(MIB, () -> {
            gaveBack[0]++;
            free.addAndGet(64 * MIB); // two spares deleted
        });
        assertEquals(1, gaveBack[0]);
        assertTrue(log.errors().isEmpty());
    }

    @Test
    void sparesAreNotKeptWhileSpaceIsShort() throws Exception {
        space.admit(MIB, NOTHING_TO_GIVE_BACK);
        assertTrue(space.roomForSpares());
        free.set(RESERVE + RESERVE / 2);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        space.admit(1024, NOTHING_TO_GIVE_BACK);
        assertFalse(space.roomForSpares());
    }

    @Test
    void theJournalStopsOnlyNearAReallyFullDisk() {
        free.set(RESERVE / 2);
        assertFalse(space.critical(), "batches are refused here, the journal's markers still have room");
        free.set(RESERVE / 8);
        assertTrue(space.critical());
    }

    @Test
    void aFailedWriteIsARefusalCarryingItsCause() {
        StorageFullException e = space.failed(new java.io.UncheckedIOException(new IOException("No space left on device")));
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("/var/lib/floe/buf"), e.getMessage());
        assertEquals(1, log.errors().size());
    }

    @Test
    void whileBatchWritesFailTheJournalHoldsItsMarkersBackToo() throws Exception {
        space.failed(new java.io.UncheckedIOException(new IOException("Disk quota exceeded")));
        assertTrue(space.critical(), "a quota does not show in the free space");
        space.admit(1024, NOTHING_TO_GIVE_BACK);
        space.written(1024, true);
        assertFalse(space.critical());
    }
}
