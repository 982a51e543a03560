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
 * produce it. A group that gets the original with header lines on top (the header stage's stamp)
 * gets a prefix variant: the lines, then the spooled original, with no file of its own; groups
 * with equal lines share it. Variants are numbered from 1 in the order first produced.
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
     * @param headerPrefix header lines it gets in front of the original, or null
     */
    record Group(List<String> recipients, String deletedWhy, byte[] body, byte[] headerPrefix) {

        Group(List<String> recipients, String deletedWhy, byte[] body) {
            this(recipients, deletedWhy, body, null);
        }
    }

    /**
     * A changed body and who gets it: a whole body ({@code headerPrefix} null), or header lines in
     * front of the original ({@code body} null).
     */
    record Variant(byte[] body, List<String> recipients, byte[] headerPrefix) {

        Variant(byte[] body, List<String> recipients) {
            this(body, recipients, null);
        }

        boolean prefixOnly() {
            return body == null;
        }
    }

    /**
     * @param recipients every accepted recipient, in RCPT order
     * @param originalBody the body as received (without our Received header)
     * @param groups     the decision's groups
     * @param at         when a deleted recipient's outcome is recorded
     */
    static DeliveryPlan of(List<String> recipients, byte[] originalBody, List<Group> groups, Instant at) {
        Map<String, RecipientState> states = new LinkedHashMap<>();
        recipients.forEach(r -> states.put(r, RecipientState.pending(r)));
        List<Variant> bodies = new ArrayList<>();
        List<List<String>> receivers = new ArrayList<>();
        for (Group group : groups) {
            if (group.deletedWhy() != null) {
                group.recipients().forEach(r -> states.put(r,
                        RecipientState.pending(r).withOutcome(RecipientStatus.DELETED, null, group.deletedWhy(), 0, at)));
                continue;
            }
            boolean original = group.body() == null || Arrays.equals(group.body(), originalBody);
            if (original && group.headerPrefix() == null) {
                continue;
            }
            Variant key = original ? new Variant(null, List.of(), group.headerPrefix()) : new Variant(group.body(), List.of());
            int same = indexOf(bodies, key);
            if (same >= 0) {
                receivers.get(same).addAll(group.recipients());
            } else {
                bodies.add(key);
                receivers.add(new ArrayList<>(group.recipients()));
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (int v = 0; v < bodies.size(); v++) {
            variants.add(new Variant(bodies.get(v).body(), List.copyOf(receivers.get(v)), bodies.get(v).headerPrefix()));
        }
        return new DeliveryPlan(List.copyOf(states.values()), List.copyOf(variants));
    }

    private static int indexOf(List<Variant> variants, Variant wanted) {
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            if (Arrays.equals(v.body(), wanted.body()) && Arrays.equals(v.headerPrefix(), wanted.headerPrefix())) {
                return i;
            }
        }
        return -1;
    }
}
