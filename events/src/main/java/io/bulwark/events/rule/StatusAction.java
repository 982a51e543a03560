package io.bulwark.events.rule;

import java.util.Objects;

/**
 * A rule's reaction to one status of one module.
 *
 * @param action     what to do with the message
 * @param backupCopy whether the original goes to Backup, whatever the action
 * @param subjectTag text put in front of the subject ("" for none)
 */
public record StatusAction(Action action, boolean backupCopy, String subjectTag) {

    public StatusAction {
        Objects.requireNonNull(action, "action");
        subjectTag = subjectTag == null ? "" : subjectTag;
    }
}
