package io.bulwark.store;

/**
 * Makes every write acknowledged so far by the store survive a crash of the JVM (kill -9).
 *
 * <p>The embedded store (mongo-java-server on an H2 MVStore file) acknowledges writes as soon as
 * they are in memory and writes them to its file only about once a second; {@link #commit()} forces
 * that write now. On a real MongoDB the client uses write concern {@code majority} with journaling,
 * so an acknowledged write is already durable and {@link #commit()} returns at once.
 *
 * <p>Use it after your own writes to the store's database (projections, sagas, ...) when you are
 * about to tell someone outside the process that they happened. The {@link EventAppender} and the
 * storage engine call it themselves after each batch of events.
 *
 * <p>Thread-safe. Concurrent calls coalesce: a call that starts while another commit is running
 * waits for it and then commits whatever is still unsaved, which is usually nothing.
 */
public interface DurabilityBarrier {

    /**
     * Returns once every write acknowledged before this call is on disk.
     *
     * @throws StoreUnavailableException if the store could not write its file
     */
    void commit();

    /** A barrier for stores whose acknowledged writes are already durable (real MongoDB). */
    static DurabilityBarrier alreadyDurable() {
        return () -> { };
    }
}
