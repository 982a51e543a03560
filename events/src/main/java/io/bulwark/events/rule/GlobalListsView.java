package io.bulwark.events.rule;

import java.util.List;

/**
 * The global allow and deny lists as the gateway applies them and the console shows them.
 *
 * @param allow      entries whose mail skips anti-spam
 * @param deny       entries whose mail is refused
 * @param denyAction REJECT or DELETE_MESSAGE
 */
public record GlobalListsView(List<GlobalListEntry> allow, List<GlobalListEntry> deny, Action denyAction) {

    public GlobalListsView {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
        denyAction = denyAction == null ? Action.REJECT : denyAction;
    }

    /** No entries, deny action REJECT: the state before any event. */
    public static GlobalListsView empty() {
        return new GlobalListsView(List.of(), List.of(), Action.REJECT);
    }

    /** The entries of one list. */
    public List<GlobalListEntry> entries(GlobalListKind kind) {
        return kind == GlobalListKind.ALLOW ? allow : deny;
    }
}
