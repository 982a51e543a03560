package io.bulwark.events.rule;

/**
 * What the gateway does with a message (for one group of recipients) after a module reported a
 * status (reference notes A.0). Declared from mildest to strictest: when several modules fire, the
 * strictest action wins (DELETE_MESSAGE &gt; REJECT &gt; DELETE_ATTACHMENT &gt; SKIP).
 *
 * <p>There is deliberately no "Quarantine" action: the commercial gateway has none per rule either;
 * long-term storage of intercepted mail is the Backup copy flag, independent of the action.
 */
public enum Action {
    /** Deliver (subject tag and X-headers still apply). */
    SKIP,
    /** Replace the offending parts with a text notice and deliver the rest. */
    DELETE_ATTACHMENT,
    /** Refuse the DATA with a 5xx, so the sender's server reports the failure to the sender. */
    REJECT,
    /** Accept with 250 and silently not deliver. */
    DELETE_MESSAGE;

    /** Whether this action is stricter than the other. */
    public boolean stricterThan(Action other) {
        return precedence() > other.precedence();
    }

    /** Rank for "strictest wins"; not the declaration order so that the rule is stated explicitly. */
    public int precedence() {
        return switch (this) {
            case SKIP -> 0;
            case DELETE_ATTACHMENT -> 1;
            case REJECT -> 2;
            case DELETE_MESSAGE -> 3;
        };
    }

    /** The stricter of two actions. */
    public static Action strictest(Action a, Action b) {
        return b.stricterThan(a) ? b : a;
    }
}
