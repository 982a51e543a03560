package io.bulwark.events;

/**
 * A command addressed to one aggregate instance. The command bus routes it by {@link #targetId()},
 * so command records need no framework annotation.
 */
public interface AggregateCommand {
    /** Identifier of the aggregate instance this command is for. */
    String targetId();
}
