package spike;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * What sd_journal does when files are vacuumed or appended and rotated while a handle reads them, and what a
 * cursor of a vacuumed entry gives.
 *
 * vacuum DIR READ_FIRST   reads READ_FIRST entries, vacuums to one archived file with journalctl, reads on
 * follow DIR SECONDS      reads to the end, then sd_journal_wait loops until SECONDS pass without new entries
 * cursor DIR CURSOR       seek_cursor + next + test_cursor on a fresh handle
 */
public final class Behaviour {
    public static void main(String[] args) throws Exception {
        Memory out = new Memory(32);
        Bench.check(SdJournal.sd_journal_open_directory(out, args[1], 0), "open");
        Pointer j = out.getPointer(0);
        Bench.check(SdJournal.sd_journal_set_data_threshold(j, 0), "threshold");
        Set<Long> seen = new HashSet<>();
        int dups = 0;
        switch (args[0]) {
            case "vacuum" -> {
                int first = Integer.parseInt(args[2]);
                int n = 0;
                String cursor = null;
                while (n < first && SdJournal.sd_journal_next(j) > 0) {
                    dups += seen.add(usec(j, out)) ? 0 : 1;
                    n++;
                }
                cursor = Bench.cursor(j, out.share(24));
                System.out.println("read " + n + ", cursor " + cursor);
                Process v = new ProcessBuilder("journalctl", "--directory", args[1], "--vacuum-files=1")
                        .inheritIO().start();
                System.out.println("vacuum exit " + v.waitFor());
                int r;
                int after = 0;
                while ((r = SdJournal.sd_journal_next(j)) > 0) {
                    dups += seen.add(usec(j, out)) ? 0 : 1;
                    after++;
                }
                System.out.println("after vacuum: read " + after + " more, next returned " + r + ", duplicates " + dups
                        + ", total " + seen.size());
                System.out.println("CURSOR " + cursor);
                System.out.println("retry without reopening: process " + SdJournal.sd_journal_process(j)
                        + ", next " + SdJournal.sd_journal_next(j));
                // recovery: a new handle from the last good cursor; the old entry is gone, so test_cursor says 0
                String last = cursor; // the last good one, kept by the reader: the handle cannot tell it now
                SdJournal.sd_journal_close(j);
                Bench.check(SdJournal.sd_journal_open_directory(out, args[1], 0), "reopen");
                j = out.getPointer(0);
                System.out.println("reopened: seek_cursor " + SdJournal.sd_journal_seek_cursor(j, last));
                int more = 0;
                while ((r = SdJournal.sd_journal_next(j)) > 0) {
                    if (more == 0) {
                        System.out.println("first after reopen: test_cursor " + SdJournal.sd_journal_test_cursor(j, last));
                    }
                    dups += seen.add(usec(j, out)) ? 0 : 1;
                    more++;
                }
                System.out.println("reopened: read " + more + ", next returned " + r + ", duplicates " + dups
                        + ", total " + seen.size());
            }
            case "follow" -> {
                long idleLimit = Long.parseLong(args[2]) * 1_000_000L;
                long idleSince = System.nanoTime();
                int waits = 0;
                int invalidates = 0;
                while (true) {
                    int r = SdJournal.sd_journal_next(j);
                    Bench.check(r, "next");
                    if (r > 0) {
                        dups += seen.add(usec(j, out)) ? 0 : 1;
                        idleSince = System.nanoTime();
                        continue;
                    }
                    if ((System.nanoTime() - idleSince) / 1000 > idleLimit) {
                        break;
                    }
                    // one thread both waits and reads: the handle is not thread-safe; the timeout lets it see a stop flag
                    int w = SdJournal.sd_journal_wait(j, 1_000_000L);
                    Bench.check(w, "wait");
                    waits++;
                    if (w == 2) { // SD_JOURNAL_INVALIDATE: files were added or removed
                        invalidates++;
                    }
                }
                System.out.println("follow: entries " + seen.size() + ", duplicates " + dups + ", waits " + waits
                        + ", invalidates " + invalidates + ", fd " + SdJournal.sd_journal_get_fd(j));
            }
            case "cursor" -> {
                String c = args[2];
                int s = SdJournal.sd_journal_seek_cursor(j, c);
                System.out.println("seek_cursor " + s);
                int n = SdJournal.sd_journal_next(j);
                System.out.println("next " + n);
                System.out.println("test_cursor " + SdJournal.sd_journal_test_cursor(j, c));
                System.out.println("landed on usec " + usec(j, out) + " cursor " + Bench.cursor(j, out.share(24)));
                SdJournal.sd_journal_seek_head(j);
                SdJournal.sd_journal_next(j);
                System.out.println("head is usec " + usec(j, out));
                System.out.println("seek_cursor(garbage) " + SdJournal.sd_journal_seek_cursor(j, "nonsense"));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf("jvmCpu=%.2fs%n", cpu / 1e9);
        SdJournal.sd_journal_close(j);
    }

    /** The entry's own realtime stamp: unique per generated entry, so it finds duplicates. */
    private static long usec(Pointer j, Memory out) {
        Bench.check(SdJournal.sd_journal_get_realtime_usec(j, out.share(16)), "realtime");
        return out.getLong(16);
    }
}
