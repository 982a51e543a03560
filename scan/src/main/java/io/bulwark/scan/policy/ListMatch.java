package io.bulwark.scan.policy;

import io.bulwark.events.rule.Action;

/**
 * Whether the sender of a message is on the global allow or deny list.
 *
 * @param allowListed on the allow list: anti-spam is skipped
 * @param denyListed  on the deny list: the message is refused with {@code denyAction}, unscanned
 * @param denyAction  REJECT or DELETE_MESSAGE
 * @param reason      the entry that matched, for the reasons of the disposition
 */
public record ListMatch(boolean allowListed, boolean denyListed, Action denyAction, String reason) {
    /** On neither list. */
    public static final ListMatch NONE = new ListMatch(false, false, Action.REJECT, "");
}
