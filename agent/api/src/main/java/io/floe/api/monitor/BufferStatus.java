package io.floe.api.monitor;

import java.util.List;

/**
 * A buffered output's buffer at one moment, in the units monitor_agent reports.
 *
 * @param timekeys the staged chunks' timekeys (epoch seconds), ascending
 * @param availableSpaceRatio free space in percent of {@code total_limit_size}, one decimal
 */
public record BufferStatus(int queueLength, List<Long> timekeys, long stageLength, long stageBytes, long queueBytes,
                           double availableSpaceRatio, long droppedChunks) {

    public long totalQueuedBytes() {
        return stageBytes + queueBytes;
    }
}
