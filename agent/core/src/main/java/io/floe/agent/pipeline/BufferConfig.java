package io.floe.agent.pipeline;

import io.floe.api.config.Arg;
import io.floe.api.config.Param;
import io.floe.api.config.Size;
import java.time.Duration;

/** Fluentd's {@code <buffer CHUNK_KEYS>} section, with Fluentd's names and defaults. */
public record BufferConfig(
        @Arg(desc = "Chunk keys: tag, time, or record field names, comma-separated.")
        String chunkKeys,
        @Param(name = "@type", desc = "Buffer storage: file (durable: a Chronicle Queue journal; Floe's default) or memory (lost with the process).", dflt = "file")
        String type,
        @Param(desc = "Directory of a file buffer; defaults to <root_dir>/worker0/<plugin id>/buffer.", dflt = Param.NULL)
        String path,
        @Param(desc = "When a file buffer forces writes to disk: off (kill -9 safe, the kernel writes back), interval (every sync_interval), always (before each write returns: power-loss safe).", dflt = "off")
        io.floe.buffer.Durability syncMode,
        @Param(desc = "How often sync_mode interval forces writes to disk.", dflt = "1s")
        Duration syncInterval,
        @Param(desc = "Length of a time chunk key's slice (required with the time key).", dflt = Param.NULL)
        Duration timekey,
        @Param(desc = "How long after a time slice ends its chunk is flushed.", dflt = "600s")
        Duration timekeyWait,
        @Param(desc = "Slice time in UTC instead of local time.", dflt = "false")
        boolean timekeyUseUtc,
        @Param(desc = "Time zone of the slices, e.g. +0900 or Asia/Tokyo.", dflt = Param.NULL)
        String timekeyZone,
        @Param(desc = "Largest chunk: 8m for memory, 256m for file.", dflt = Param.NULL)
        Size chunkLimitSize,
        @Param(desc = "Largest number of events in a chunk.", dflt = Param.NULL)
        Long chunkLimitRecords,
        @Param(desc = "Most bytes the buffer holds: 512m for memory, 64g for file.", dflt = Param.NULL)
        Size totalLimitSize,
        @Param(desc = "v0.12 limit on queued chunks; sets total_limit_size to chunk_limit_size times this.", dflt = Param.NULL)
        Integer queueLimitLength,
        @Param(desc = "A chunk this full (ratio of chunk_limit_size) is queued at once.", dflt = "0.95")
        double chunkFullThreshold,
        @Param(desc = "Most queued chunks before staged ones wait.", dflt = Param.NULL)
        Integer queuedChunksLimitSize,
        @Param(desc = "Chunk compression: text or gzip.", dflt = "text")
        String compress,
        @Param(desc = "Write what is buffered when the agent stops: true for memory, false for file buffers.", dflt = Param.NULL)
        Boolean flushAtShutdown,
        @Param(desc = "default (lazy with a time key, else interval), lazy, interval or immediate.", dflt = "default")
        FlushMode flushMode,
        @Param(desc = "How long a chunk stays staged in interval mode.", dflt = "60s")
        Duration flushInterval,
        @Param(desc = "Threads writing chunks in parallel.", dflt = "1")
        int flushThreadCount,
        @Param(desc = "How often an idle flush thread looks for work.", dflt = "1.0")
        Duration flushThreadInterval,
        @Param(desc = "Pause between back-to-back chunk writes (accepted; Floe writes queued chunks without pausing).", dflt = "1.0")
        Duration flushThreadBurstInterval,
        @Param(desc = "Accepted for compatibility (delayed commit).", dflt = "60")
        Duration delayedCommitTimeout,
        @Param(desc = "throw_exception, block or drop_oldest_chunk when total_limit_size is reached.", dflt = "throw_exception")
        io.floe.buffer.OverflowAction overflowAction,
        @Param(desc = "exponential_backoff or periodic.", dflt = "exponential_backoff")
        RetryType retryType,
        @Param(desc = "Wait before the first retry.", dflt = "1s")
        Duration retryWait,
        @Param(desc = "Growth factor of the exponential backoff.", dflt = "2.0")
        double retryExponentialBackoffBase,
        @Param(desc = "Longest wait between retries.", dflt = Param.NULL)
        Duration retryMaxInterval,
        @Param(desc = "Give up retrying a chunk after this long.", dflt = "72h")
        Duration retryTimeout,
        @Param(desc = "Give up after this many retries.", dflt = Param.NULL)
        Integer retryMaxTimes,
        @Param(desc = "Never give up.", dflt = "false")
        boolean retryForever,
        @Param(desc = "Ratio of retry_timeout after which <secondary> takes over.", dflt = "0.8")
        double retrySecondaryThreshold,
        @Param(desc = "Randomize waits by +-12.5% so many agents do not retry in step.", dflt = "true")
        boolean retryRandomize,
        @Param(desc = "Do not back up chunks that could not be written.", dflt = "false")
        boolean disableChunkBackup) {

    public enum FlushMode { DEFAULT, LAZY, INTERVAL, IMMEDIATE }

    public enum RetryType { EXPONENTIAL_BACKOFF, PERIODIC }

    public boolean isFile() {
        return "file".equals(type);
    }

    public long chunkLimitBytes() {
        return chunkLimitSize != null ? chunkLimitSize.bytes() : isFile() ? 256L << 20 : 8L << 20;
    }

    public long totalLimitBytes() {
        if (totalLimitSize != null) {
            return totalLimitSize.bytes();
        }
        if (queueLimitLength != null) {
            return chunkLimitBytes() * queueLimitLength;
        }
        return isFile() ? 64L << 30 : 512L << 20;
    }

    public boolean flushAtShutdownOrDefault() {
        return flushAtShutdown != null ? flushAtShutdown : !isFile();
    }
}
