package io.bulwark.events.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds global list events into a {@link GlobalListsView}. Pure, shared by the aggregate, the
 * console and the gateway for the same reason as {@link RuleListProjection}. Not thread-safe; the
 * view it returns is immutable.
 */
public final class GlobalListsProjection {
    private final List<GlobalListEntry> allow = new ArrayList<>();
    private final List<GlobalListEntry> deny = new ArrayList<>();
    private Action denyAction = Action.REJECT;

    /**
     * Applies one event.
     *
     * @return whether it was a global list event
     */
    public boolean apply(Object event) {
        switch (event) {
            case GlobalListEntryAddedEvent e -> {
                List<GlobalListEntry> list = list(e.list());
                if (!list.contains(e.entry())) {
                    list.add(e.entry());
                }
            }
            case GlobalListEntryRemovedEvent e -> list(e.list()).remove(e.entry());
            case DenyListActionChangedEvent e -> denyAction = e.action();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** An immutable snapshot. */
    public GlobalListsView view() {
        return new GlobalListsView(allow, deny, denyAction);
    }

    private List<GlobalListEntry> list(GlobalListKind kind) {
        return kind == GlobalListKind.ALLOW ? allow : deny;
    }
}
