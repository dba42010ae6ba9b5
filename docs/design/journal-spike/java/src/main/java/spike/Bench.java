package spike;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every entry of a journal directory into msgpack events, through libsystemd (JNA) or through a
 * `journalctl -o export` child parsed in Java. Prints entries, time and the JVM's own CPU time.
 *
 * jna DIR [--threshold N] [--cursor-every-entry] [--copy-array] [MATCH|+ ...]
 * export DIR [MATCH|+ ...]
 */
public final class Bench {
    private static final int BATCH = 1000;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String dir = args[1];
        long threshold = 0;
        boolean cursorEveryEntry = false;
        boolean copyArray = false;
        String stage = "all";
        List<String> matches = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--threshold" -> threshold = Long.parseLong(args[++i]);
                case "--cursor-every-entry" -> cursorEveryEntry = true;
                case "--copy-array" -> copyArray = true;
                case "--stage" -> stage = args[++i];
                default -> matches.add(args[i]);
            }
        }
        long t0 = System.nanoTime();
        Records records = new Records();
        String last = mode.equals("jna")
                ? readJna(dir, matches, threshold, cursorEveryEntry, copyArray, stage, records)
                : readExport(dir, matches, records);
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf("%s entries=%d secs=%.2f entries/s=%.0f jvmCpu=%.2fs msgpackBytes=%d lastCursor=%s%n",
                mode, records.entries, secs, records.entries / secs, cpu / 1e9, records.bytesOut, last);
    }

    static String readJna(String dir, List<String> matches, long threshold, boolean cursorEveryEntry,
            boolean copyArray, String stage, Records records) throws IOException {
        // stage: "next" only moves through the entries, "enumerate" also walks the fields, "all" builds the events
        boolean enumerate = !stage.equals("next");
        boolean build = stage.equals("all") || stage.equals("copy");
        boolean pack = stage.equals("all");
        Memory out = new Memory(32);
        check(SdJournal.sd_journal_open_directory(out, dir, 0), "open_directory");
        Pointer j = out.getPointer(0);
        try {
            check(SdJournal.sd_journal_set_data_threshold(j, threshold), "set_data_threshold");
            for (String m : matches) {
                if (m.equals("+")) {
                    check(SdJournal.sd_journal_add_disjunction(j), "add_disjunction");
                } else {
                    byte[] b = m.getBytes(StandardCharsets.UTF_8);
                    check(SdJournal.sd_journal_add_match(j, b, b.length), "add_match");
                }
            }
            Pointer dataOut = out;
            Pointer lenOut = out.share(8);
            Pointer usecOut = out.share(16);
            Pointer cursorOut = out.share(24);
            String cursor = null;
            int inBatch = 0;
            while (true) {
                int r = SdJournal.sd_journal_next(j);
                check(r, "next");
                if (r == 0) {
                    break;
                }
                if (!enumerate) {
                    records.entries++;
                    continue;
                }
                records.begin();
                check(SdJournal.sd_journal_get_realtime_usec(j, usecOut), "get_realtime_usec");
                long usec = usecOut.getLong(0);
                SdJournal.sd_journal_restart_data(j);
                int e;
                while ((e = SdJournal.sd_journal_enumerate_data(j, dataOut, lenOut)) > 0) {
                    int len = (int) lenOut.getLong(0);
                    if (!build) {
                        continue;
                    }
                    Pointer data = dataOut.getPointer(0);
                    if (copyArray) {
                        byte[] field = data.getByteArray(0, len);
                        int at = records.reserve(len);
                        System.arraycopy(field, 0, records.scratch(), at, len);
                    } else {
                        int at = records.reserve(len);
                        data.read(0, records.scratch(), at, len);
                    }
                    records.commitField(len);
                }
                // -EBADMSG/-EPROTONOSUPPORT on a damaged or unsupported object: skip the field, as journalctl does
                if (e < 0 && e != -74 && e != -93) {
                    check(e, "enumerate_data");
                }
                if (pack) {
                    records.end(usec);
                } else {
                    records.entries++;
                }
                inBatch++;
                if (cursorEveryEntry || inBatch == BATCH) {
                    cursor = cursor(j, cursorOut);
                }
                if (inBatch >= BATCH) {
                    records.flushBatch();
                    inBatch = 0;
                }
            }
            records.flushBatch();
            return cursor;
        } finally {
            SdJournal.sd_journal_close(j);
        }
    }

    static String cursor(Pointer j, Pointer cursorOut) {
        check(SdJournal.sd_journal_get_cursor(j, cursorOut), "get_cursor");
        Pointer p = cursorOut.getPointer(0);
        String s = p.getString(0, "US-ASCII");
        SdJournal.LibC.free(p);
        return s;
    }

    static int check(int r, String what) {
        if (r < 0) {
            throw new IllegalStateException(what + " failed: errno " + (-r));
        }
        return r;
    }

    /** Parses Journal Export Format from a journalctl child; __CURSOR and __REALTIME_TIMESTAMP kept aside. */
    static String readExport(String dir, List<String> matches, Records records) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("journalctl", "--directory", dir, "--no-pager", "-o", "export"));
        cmd.addAll(matches);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String cursor = null;
        try (InputStream in = p.getInputStream()) {
            ExportReader r = new ExportReader(in);
            long rt = 0;
            int inBatch = 0;
            records.begin();
            while (true) {
                int kind = r.nextField();
                if (kind == ExportReader.EOF) {
                    break;
                }
                if (kind == ExportReader.END_OF_ENTRY) {
                    records.end(rt);
                    records.begin();
                    if (++inBatch >= BATCH) {
                        records.flushBatch();
                        inBatch = 0;
                    }
                    continue;
                }
                byte[] b = r.buf;
                if (r.nameLen > 1 && b[r.nameOff] == '_' && b[r.nameOff + 1] == '_') {
                    if (r.nameLen == 20 && b[r.nameOff + 2] == 'R') {
                        rt = Long.parseLong(new String(b, r.valOff, r.valLen, StandardCharsets.US_ASCII));
                    } else if (r.nameLen == 8 && inBatch == BATCH - 1) {
                        cursor = new String(b, r.valOff, r.valLen, StandardCharsets.US_ASCII);
                    }
                    continue;
                }
                records.addField(b, r.nameOff, r.nameLen, r.valOff, r.valLen);
            }
            records.flushBatch();
        }
        p.waitFor();
        return cursor;
    }
}
