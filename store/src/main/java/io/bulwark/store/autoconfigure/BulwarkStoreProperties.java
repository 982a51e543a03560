package io.bulwark.store.autoconfigure;

import io.bulwark.store.PayloadFormat;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the event store, under {@code bulwark.store}. The connection itself is chosen by
 * {@code spring.data.mongodb.uri} (unset: embedded store under {@code bulwark.data-dir}).
 */
@ConfigurationProperties(prefix = "bulwark.store")
public class BulwarkStoreProperties {

    /** MongoDB database holding events, snapshots, counters and tokens. */
    private String database = "bulwark";

    /** Events read per batch, by tracking processors and by aggregate loading. */
    private int batchSize = 100;

    /** Global indexes reserved per counter round trip. */
    private int indexBlockSize = 100;

    /** A reserved block is not used longer than this; keep well below gap-timeout. */
    private Duration indexBlockLease = Duration.ofSeconds(10);

    /** A missing global index is awaited this long after a later event was stored. */
    private Duration gapTimeout = Duration.ofSeconds(60);

    /** Readers wait this long for a fresh hole in the global order to fill before delivering past it. */
    private Duration gapHold = Duration.ofSeconds(1);

    /** Gaps further than this below a token's position are dropped. */
    private int maxGapOffset = 10_000;

    /** Indexes looked up ahead of a token per read; 0 means 2 * max(batch-size, index-block-size). */
    private int lookAheadWindow;

    /** How often idle tracking consumers poll for events written by other processes. */
    private Duration fetchDelay = Duration.ofSeconds(1);

    /**
     * Shortest time between two wakes of the tracking processors by appended events; later
     * appends within it are merged into one wake (0: every append wakes them).
     */
    private Duration signalWindow = Duration.ofMillis(100);

    /**
     * Shortest time between the starts of two batches of a read model's tracking processor that
     * has caught up (those reading {@code SignallingEventStore.lingering()}; 0: none). The events
     * appended meanwhile arrive as one batch: one token write and one write of the read model's
     * documents for many messages. ADR 0043.
     */
    private Duration processorLinger = Duration.ofMillis(250);

    /**
     * Events the node's event-store producer keeps for its tracking processors (Axon's default is
     * 10,000). Each kept event holds its payload and metadata as Jackson trees and, once a handler
     * read it, the event object too: about 20-50 KB of heap per mail event, so Axon's default held
     * several hundred MB. A processor further behind than this reads from the store itself.
     */
    private int cachedEvents = 1000;

    /**
     * How events' payloads and metadata are written: {@code text} (JSON text, the default) or
     * {@code document} (BSON documents, queryable by field in MongoDB itself, at a higher cost per
     * event on every write and read). Events of both forms are always read. ADR 0048.
     */
    private PayloadFormat payloadFormat = PayloadFormat.TEXT;

    /**
     * Longest time a tracking processor's token that only passed over events it ignores waits
     * before it is written (tokens of batches that handled events are written at once); 0 writes
     * every token at once. Keep it well below the processors' claim timeout (10 s). ADR 0039.
     */
    private Duration tokenWriteInterval = Duration.ofSeconds(1);

    /**
     * Shortest time between two idle claim extensions of a processor's segment that reach the store
     * (a token write counts as one); 0 passes every one on. Keep it well below the claim timeout
     * (10 s): another node may take a claim older than that.
     */
    private Duration claimExtensionInterval = Duration.ofSeconds(3);

    /**
     * Record every store command as an {@code io.bulwark.StoreCommand} flight event (what
     * {@code bench/profile.sh} counts per message). Off by default: while it is on, the driver
     * copies and decodes every reply, whether a recording runs or not (docs/configuration.md).
     */
    private boolean commandEvents;

    private final Embedded embedded = new Embedded();

    private final Appender appender = new Appender();

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getIndexBlockSize() {
        return indexBlockSize;
    }

    public void setIndexBlockSize(int indexBlockSize) {
        this.indexBlockSize = indexBlockSize;
    }

    public Duration getIndexBlockLease() {
        return indexBlockLease;
    }

    public void setIndexBlockLease(Duration indexBlockLease) {
        this.indexBlockLease = indexBlockLease;
    }

    public Duration getGapTimeout() {
        return gapTimeout;
    }

    public void setGapTimeout(Duration gapTimeout) {
        this.gapTimeout = gapTimeout;
    }

    public Duration getGapHold() {
        return gapHold;
    }

    public void setGapHold(Duration gapHold) {
        this.gapHold = gapHold;
    }

    public int getMaxGapOffset() {
        return maxGapOffset;
    }

    public void setMaxGapOffset(int maxGapOffset) {
        this.maxGapOffset = maxGapOffset;
    }

    public int getLookAheadWindow() {
        return lookAheadWindow;
    }

    public void setLookAheadWindow(int lookAheadWindow) {
        this.lookAheadWindow = lookAheadWindow;
    }

    public Duration getFetchDelay() {
        return fetchDelay;
    }

    public void setFetchDelay(Duration fetchDelay) {
        this.fetchDelay = fetchDelay;
    }

    public Duration getSignalWindow() {
        return signalWindow;
    }

    public void setSignalWindow(Duration signalWindow) {
        this.signalWindow = signalWindow;
    }

    public Duration getClaimExtensionInterval() {
        return claimExtensionInterval;
    }

    public void setClaimExtensionInterval(Duration claimExtensionInterval) {
        this.claimExtensionInterval = claimExtensionInterval;
    }

    public boolean isCommandEvents() {
        return commandEvents;
    }

    public void setCommandEvents(boolean commandEvents) {
        this.commandEvents = commandEvents;
    }

    public int getCachedEvents() {
        return cachedEvents;
    }

    public void setCachedEvents(int cachedEvents) {
        this.cachedEvents = cachedEvents;
    }

    public PayloadFormat getPayloadFormat() {
        return payloadFormat;
    }

    public void setPayloadFormat(PayloadFormat payloadFormat) {
        this.payloadFormat = payloadFormat;
    }

    public Duration getProcessorLinger() {
        return processorLinger;
    }

    public void setProcessorLinger(Duration processorLinger) {
        this.processorLinger = processorLinger;
    }

    public Duration getTokenWriteInterval() {
        return tokenWriteInterval;
    }

    public void setTokenWriteInterval(Duration tokenWriteInterval) {
        this.tokenWriteInterval = tokenWriteInterval;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    public Appender getAppender() {
        return appender;
    }

    /** The embedded store (used when spring.data.mongodb.uri is unset). */
    public static class Embedded {

        /** Store file; default {@code ${bulwark.data-dir:./data}/store/bulwark.mv}. */
        private String file;

        /**
         * Also fsync on each commit: an acknowledged event survives power loss, not only kill -9.
         * On by default; group commit spreads one fsync over every append waiting at that moment
         * (cost measured in docs/benchmarks.md). Switch off only on storage that is itself safe
         * against power loss, or for throwaway test runs.
         */
        private boolean fsync = true;

        /**
         * Compare every unique index of the store with its documents entry by entry at start-up.
         * Off: indexes are compared by count (a mismatch leads to the full comparison and a
         * rebuild), which is instant; on: also catches an index with the right count and wrong
         * entries, at the cost of reading the whole store once per start.
         */
        private boolean fullIndexCheck;

        public boolean isFullIndexCheck() {
            return fullIndexCheck;
        }

        public void setFullIndexCheck(boolean fullIndexCheck) {
            this.fullIndexCheck = fullIndexCheck;
        }

        /**
         * Page cache of the store file in MB (H2's default is 16). Too small a cache makes every
         * index lookup read and decode pages from the file again; 64 MB held a benchmark run's
         * working set (docs/benchmarks.md).
         */
        private int cacheSizeMb = 64;

        public int getCacheSizeMb() {
            return cacheSizeMb;
        }

        public void setCacheSizeMb(int cacheSizeMb) {
            this.cacheSizeMb = cacheSizeMb;
        }

        public String getFile() {
            return file;
        }

        public void setFile(String file) {
            this.file = file;
        }

        public boolean isFsync() {
            return fsync;
        }

        public void setFsync(boolean fsync) {
            this.fsync = fsync;
        }
    }

    /** The EventAppender's queue. */
    public static class Appender {

        /** Events queued or in flight before append() blocks its caller. */
        private int capacity = 10_000;

        /** Events per insert and commit. */
        private int maxBatch = 500;

        /**
         * Shortest time between the starts of two batches while appends keep coming (ADR 0047):
         * the appends of that span share one insert and one commit. An append after a quiet spell
         * is written at once, and a full batch is followed at once. 0: every batch starts as soon
         * as something is queued. 100 ms since ADR 0051 (25 ms before): a commit of the embedded
         * store rewrites the pages it changed, so fewer commits cost less.
         */
        private Duration linger = Duration.ofMillis(100);

        public Duration getLinger() {
            return linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public int getCapacity() {
            return capacity;
        }

        public void setCapacity(int capacity) {
            this.capacity = capacity;
        }

        public int getMaxBatch() {
            return maxBatch;
        }

        public void setMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
        }
    }
}
