package io.floe.inputs.tail;

/**
 * One line of the pos file: the path as watched, the byte offset up to which every line has been handed to
 * the outputs, and the inode of the file that offset belongs to. {@code offset} is where the position field
 * starts in the pos file, so an update rewrites 16 hex digits in place, as Fluentd does.
 */
final class PositionEntry {
    /** Fluentd's mark for an entry whose file is no longer watched ({@code ffffffffffffffff}). */
    static final long UNWATCHED = -1L;

    final String path;
    long position;
    long inode;
    long offset;

    PositionEntry(String path, long position, long inode, long offset) {
        this.path = path;
        this.position = position;
        this.inode = inode;
        this.offset = offset;
    }

    boolean unwatched() {
        return position == UNWATCHED;
    }

    /** Fluentd's line: {@code path\tposition(16 hex)\tinode(16 hex)}. */
    String line() {
        return path + "\t" + hex(position) + "\t" + hex(inode) + "\n";
    }

    static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    @Override
    public String toString() {
        return path + " pos=" + position + " inode=" + inode;
    }
}
