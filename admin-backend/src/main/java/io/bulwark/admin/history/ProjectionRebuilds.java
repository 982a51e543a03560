package io.bulwark.admin.history;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

/**
 * Rebuilds a read model from zero on this node: stops its tracking processor, resets its token (the
 * projection's reset handler empties its collection or memory), and starts it again; it then replays
 * the whole history and catches up. Mail keeps flowing: the gateway's own processors and the
 * appender are untouched, and the read model fills again while new events arrive.
 *
 * <p>Only read models are rebuildable ({@link #READ_MODELS}): processors that act (the gateway's queue
 * control, Backup delivery, certificate activation) would act again on a replay. The accounts read
 * model is a subscribing processor (it must be current within the command's unit of work) and has
 * no token to reset, so it is not in the list. Thread-safe.
 */
public final class ProjectionRebuilds {
    /** The admin backend's read models, by processing group. */
    public static final Set<String> READ_MODELS = Set.of("message-tracking", "queue-view", "queue-nodes",
            "tls-certificates", "dkim-keys", "admin-rules", "rule-preview");

    private final EventProcessingConfiguration processing;

    public ProjectionRebuilds(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** The read models this node can rebuild (registered here and in {@link #READ_MODELS}). */
    public Set<String> rebuildable() {
        Set<String> groups = new TreeSet<>();
        for (String group : READ_MODELS) {
            processor(group).filter(TrackingEventProcessor::supportsReset).ifPresent(p -> groups.add(group));
        }
        return groups;
    }

    /** Starts a rebuild; returns at once (the processor replays on its own thread). */
    public void rebuild(String group) {
        TrackingEventProcessor processor = processor(group)
                .orElseThrow(() -> new InvalidHistoryCommandException("No read model '" + group + "' on this node"));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    /** Each rebuildable read model with whether it is replaying and its position. */
    public List<ReadModelStatus> status() {
        Map<String, ReadModelStatus> result = new TreeMap<>();
        for (String group : rebuildable()) {
            TrackingEventProcessor processor = processor(group).orElseThrow();
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
            long position = segments.values().stream().mapToLong(s -> s.getCurrentPosition().orElse(0)).max().orElse(0);
            result.put(group, new ReadModelStatus(group, processor.isRunning(), replaying, caughtUp, position));
        }
        return List.copyOf(result.values());
    }

    /**
     * One read model's processor.
     *
     * @param position the highest position its segments have reached
     */
    public record ReadModelStatus(String processingGroup, boolean running, boolean replaying, boolean caughtUp,
            long position) {
    }

    private Optional<TrackingEventProcessor> processor(String group) {
        return processing.eventProcessor(group, TrackingEventProcessor.class);
    }
}
