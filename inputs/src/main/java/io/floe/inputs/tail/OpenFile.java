package io.floe.inputs.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One open file and the inode it was opened as. Java cannot fstat a channel for its inode, so the path is
 * stat'ed before and after the open: when both agree, the descriptor is that inode (a rename in between is
 * caught and the open retried). Keeping the descriptor open keeps the inode alive, so a new file at the
 * path can never be given the same inode number while this one is read.
 */
final class OpenFile implements AutoCloseable {
    final Path path;
    final long inode;
    /** The file system's key (device and inode): what a cheap stat of the path is compared with. */
    final Object key;
    final FileChannel channel;

    private OpenFile(Path path, long inode, Object key, FileChannel channel) {
        this.path = path;
        this.inode = inode;
        this.key = key;
        this.channel = channel;
    }

    /**
     * @param expectedInode the inode that must be found at the path, or -1 for whatever is there
     * @return null when the path holds no such regular file (any more)
     * @throws IOException when it cannot be opened (the caller warns)
     */
    static OpenFile open(Path path, long expectedInode) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            FileIdentity before = FileIdentity.stat(path);
            if (before == null || !before.regular() || (expectedInode >= 0 && before.inode() != expectedInode)) {
                return null;
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            FileIdentity after = FileIdentity.statQuietly(path);
            BasicFileAttributes key = FileIdentity.quick(path);
            if (after != null && after.inode() == before.inode() && key != null) {
                return new OpenFile(path, before.inode(), key.fileKey(), ch);
            }
            ch.close();
        }
        return null;
    }

    long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a read-only descriptor has nothing to lose.
        }
    }
}
