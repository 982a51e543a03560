package io.bulwark.gateway.antivirus;

import java.util.Optional;

/**
 * Whether this node may start a signature update now: the one question licensing will answer
 * (reference E: updates stop when the licence has expired). Asked at the start of every update,
 * scheduled or on demand; a refusal is recorded as a failed update with the reason, and the node
 * keeps scanning with the databases it has.
 *
 * <p>Until a licensing module provides a bean of this type, {@link #ALLOWED} is used
 * ({@code AntivirusUpdateConfiguration}). Implementations are thread-safe and quick.
 */
@FunctionalInterface
public interface UpdatePermit {
    /** Always allowed: the default. */
    UpdatePermit ALLOWED = Optional::empty;

    /** Empty when an update may start; otherwise why not ("the licence expired on ..."). */
    Optional<String> refusal();
}
