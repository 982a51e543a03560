package io.bulwark.events.settings;

import java.time.Instant;

/**
 * What every "settings area changed" event says, so that the gateway folds them, the audit log
 * diffs them and the CEF exporter maps them in one place each: the area's aggregate id, the whole
 * area before and after, who changed it and when. Implemented by the change events of the areas
 * added after the mail routing (TLS policy, MTA limits, module switches, DNS).
 *
 * @param <S> the area's settings record
 */
public interface SettingsChange<S> {
    /** The area's aggregate identifier ({@link SettingsIds}); not serialised (not a record component). */
    String areaId();

    /** What was in force before: the last change, or on the first one the node's start values. */
    S previous();

    /** What is in force now, as a whole. */
    S settings();

    String actor();

    Instant at();
}
