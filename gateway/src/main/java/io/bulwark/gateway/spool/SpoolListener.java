package io.bulwark.gateway.spool;

/**
 * Told about every message committed to the spool, so the stage after receive (today delivery,
 * later the scan pipeline) can pick it up without the SMTP side knowing who that is.
 * Implementations must return quickly: the SMTP client is waiting for its 250.
 */
@FunctionalInterface
public interface SpoolListener {
    void committed(SpoolMetadata message);
}
