package io.bulwark.events.history;

import io.bulwark.events.AggregateCommand;

/**
 * Record that the sealed segment {@code firstIndex..lastIndex} (the indexes up to one signed
 * checkpoint, after the previous archived segment) was written to an archive file, before its events
 * leave the hot store. The {@code HistoryArchive} aggregate accepts segments only in order, so two
 * admin nodes archiving at once cannot both record (and remove) the same segment: the aggregate is
 * the lock.
 *
 * @param firstIndex     first global index of the segment (the archive's end so far plus one)
 * @param lastIndex      last global index, the index of the signed checkpoint that closes it
 * @param checkpointHash the chain link at {@code lastIndex}, as the checkpoint signs it
 * @param fileName       the archive file's name
 * @param fileSha256     SHA-256 of the archive file's bytes, 64 lower-case hex digits
 * @param events         events in the segment (in the file)
 * @param removable      of these, events of classes past retention that will leave the hot store
 * @param actor          the administrator, or {@code system} for the scheduled job
 */
public record ArchiveHistorySegmentCommand(long firstIndex, long lastIndex, String checkpointHash, String fileName,
        String fileSha256, long events, long removable, String actor) implements AggregateCommand {

    /** The one history archive aggregate. */
    public static final String AGGREGATE_ID = "history-archive";

    @Override
    public String targetId() {
        return AGGREGATE_ID;
    }
}
