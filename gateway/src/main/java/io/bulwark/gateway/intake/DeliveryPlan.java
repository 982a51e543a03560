package io.bulwark.gateway.intake;

import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.RecipientStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to spool for a message the policy did not refuse: each recipient's starting state and the
 * distinct body variants (ARCHITECTURE.md, "Message lifecycle" 4-5). Recipients of a group the
 * policy does not deliver to start as {@link RecipientStatus#DELETED} with the reason; groups
 * whose delivered body equals the original share the spooled body; groups whose changed bodies
 * are byte-for-byte equal share one variant, so a variant is written once however many groups
 * produce it. Variants are numbered from 1 in the order first produced.
 *
 * <p>Pure and immutable.
 *
 * @param states   one state per recipient, in RCPT order
 * @param variants the changed bodies to write, without our Received header
 */
record DeliveryPlan(List<RecipientState> states, List<Variant> variants) {

    /**
     * One group of recipients as the decision left it.
     *
     * @param recipients the group's recipients
     * @param deletedWhy why the group gets nothing ("deleted by policy: ..."), or null when it is delivered to
     * @param body       the body it gets, or null for the original
     */
    record Group(List<String> recipients, String deletedWhy, byte[] body) {
    }

    /** A changed body and who gets it. */
    record Variant(byte[] body, List<String> recipients) {
    }

    /**
     * @param recipients every accepted recipient, in RCPT order
     * @param original   the body as received (without our Received header)
     * @param groups     the decision's groups
     * @param at         when a deleted recipient's outcome is recorded
     */
    static DeliveryPlan of(List<String> recipients, byte[] original, List<Group> groups, Instant at) {
        Map<String, RecipientState> states = new LinkedHashMap<>();
        recipients.forEach(r -> states.put(r, RecipientState.pending(r)));
        List<byte[]> bodies = new ArrayList<>();
        List<List<String>> receivers = new ArrayList<>();
        for (Group group : groups) {
            if (group.deletedWhy() != null) {
                group.recipients().forEach(r -> states.put(r,
                        RecipientState.pending(r).withOutcome(RecipientStatus.DELETED, null, group.deletedWhy(), 0, at)));
                continue;
            }
            if (group.body() == null || Arrays.equals(group.body(), original)) {
                continue;
            }
            int same = indexOf(bodies, group.body());
            if (same >= 0) {
                receivers.get(same).addAll(group.recipients());
            } else {
                bodies.add(group.body());
                receivers.add(new ArrayList<>(group.recipients()));
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < bodies.size(); v++) {
            variants.add(new Variant(bodies.get(v), List.copyOf(receivers.get(v))));
        }
        return new DeliveryPlan(List.copyOf(states.values()), List.copyOf(variants));
    }

    private static int indexOf(List<byte[]> bodies, byte[] body) {
        for (int i = 0; i < bodies.size(); i++) {
            if (Arrays.equals(bodies.get(i), body)) {
                return i;
            }
        }
        return -1;
    }
}
