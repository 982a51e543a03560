package io.bulwark.scan.policy;

import io.bulwark.events.rule.Action;

/**
 * One recipient group's disposition and the action actually carried out after multi-group
 * resolution.
 *
 * @param group       the recipients and their rule
 * @param disposition what the rule decided
 * @param applied     what is done: {@code disposition.action()}, except REJECT becomes
 *                    DELETE_MESSAGE when the DATA is accepted for other groups
 */
public record GroupOutcome(RecipientGroup group, Disposition disposition, Action applied) {

    /** Whether this group gets the message. */
    public boolean delivers() {
        return applied == Action.SKIP || applied == Action.DELETE_ATTACHMENT;
    }
}
