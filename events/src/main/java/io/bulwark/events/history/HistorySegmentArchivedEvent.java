package io.bulwark.events.history;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A sealed segment of the history was written to an archive file and its events of classes past
 * retention are being removed from the hot store (by the event ids in the file). The event is itself
 * chained and sealed: the file's SHA-256 here is what proves an archive file is the one written.
 * The chain links and checkpoints of the segment stay in the hot store; verification of the hot part
 * starts from the link at {@code lastIndex} (docs/history.md, "Retention and archiving").
 *
 * @param firstIndex     first global index of the segment
 * @param lastIndex      last global index (a signed checkpoint's index)
 * @param checkpointHash the chain link at {@code lastIndex}
 * @param fileName       the archive file's name ({@code bulwark-history-<first>-<last>-<hash>.jsonl.gz})
 * @param fileSha256     SHA-256 of the archive file's bytes, lower-case hex
 * @param events         events in the segment
 * @param removed        events removed from the hot store (the rest belong to kept classes and stay)
 * @param actor          the administrator, or {@code system} for the scheduled job
 * @param at             when it was recorded
 */
@EventRevision("1")
public record HistorySegmentArchivedEvent(long firstIndex, long lastIndex, String checkpointHash, String fileName,
        String fileSha256, long events, long removed, String actor, Instant at) {
}
