package io.bulwark.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.RecipientStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bodies are written and where each recipient starts, from the decision's groups. */
class DeliveryPlanTest {
    private static final Instant AT = Instant.parse("2026-12-05T00:00:00Z");
    private static final byte[] ORIGINAL = bytes("Subject: hi\r\n\r\nbody\r\n");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void groupsGettingTheOriginalShareTheSpooledBody() {
        DeliveryPlan plan = DeliveryPlan.of(List.of("a@x", "b@x"), ORIGINAL, List.of(
                new DeliveryPlan.Group(List.of("a@x"), null, null),
                new DeliveryPlan.Group(List.of("b@x"), null, ORIGINAL.clone())), AT);

        assertThat(plan.variants()).isEmpty();
        assertThat(plan.states()).extracting(RecipientState::address).containsExactly("a@x", "b@x");
        assertThat(plan.states()).extracting(RecipientState::status).containsOnly(RecipientStatus.PENDING);
    }

    @Test
    void groupsWithEqualChangedBodiesShareOneVariantNumberedInOrder() {
        byte[] tagged = bytes("Subject: [SPAM] hi\r\n\r\nbody\r\n");
        byte[] stripped = bytes("Subject: hi\r\n\r\nremoved\r\n");
        DeliveryPlan plan = DeliveryPlan.of(List.of("a@x", "b@x", "c@x", "d@x"), ORIGINAL, List.of(
                new DeliveryPlan.Group(List.of("a@x"), null, tagged),
                new DeliveryPlan.Group(List.of("b@x"), null, stripped),
                new DeliveryPlan.Group(List.of("c@x", "d@x"), null, tagged.clone())), AT);

        assertThat(plan.variants()).hasSize(2);
        assertThat(plan.variants().get(0).body()).isEqualTo(tagged);
        assertThat(plan.variants().get(0).recipients()).containsExactly("a@x", "c@x", "d@x");
        assertThat(plan.variants().get(1).body()).isEqualTo(stripped);
        assertThat(plan.variants().get(1).recipients()).containsExactly("b@x");
    }

    @Test
    void groupsGettingTheOriginalWithHeaderLinesShareAPrefixVariantWithoutABodyOfItsOwn() {
        byte[] rated = bytes("X-Bulwark-Spam: rating=0; symbols=\r\n");
        byte[] other = bytes("X-Bulwark-Spam: rating=45; symbols=GTUBE(45)\r\n");
        DeliveryPlan plan = DeliveryPlan.of(List.of("a@x", "b@x", "c@x", "d@x"), ORIGINAL, List.of(
                new DeliveryPlan.Group(List.of("a@x"), null, ORIGINAL, rated),
                new DeliveryPlan.Group(List.of("b@x"), null, ORIGINAL, other),
                new DeliveryPlan.Group(List.of("c@x"), null, ORIGINAL, rated.clone()),
                new DeliveryPlan.Group(List.of("d@x"), null, ORIGINAL, null)), AT);

        assertThat(plan.variants()).hasSize(2);
        assertThat(plan.variants().get(0).prefixOnly()).isTrue();
        assertThat(plan.variants().get(0).body()).isNull();
        assertThat(plan.variants().get(0).headerPrefix()).isEqualTo(rated);
        assertThat(plan.variants().get(0).recipients()).containsExactly("a@x", "c@x");
        assertThat(plan.variants().get(1).headerPrefix()).isEqualTo(other);
        assertThat(plan.variants().get(1).recipients()).containsExactly("b@x");
    }

    @Test
    void recipientsOfAGroupThatGetsNothingStartDeletedWithTheReason() {
        DeliveryPlan plan = DeliveryPlan.of(List.of("a@x", "b@x"), ORIGINAL, List.of(
                new DeliveryPlan.Group(List.of("a@x"), "deleted by policy: rule 'r', DELETE", null),
                new DeliveryPlan.Group(List.of("b@x"), null, null)), AT);

        RecipientState deleted = plan.states().getFirst();
        assertThat(deleted.status()).isEqualTo(RecipientStatus.DELETED);
        assertThat(deleted.address()).isEqualTo("a@x");
        assertThat(deleted.reply()).isEqualTo("deleted by policy: rule 'r', DELETE");
        assertThat(plan.states().get(1).status()).isEqualTo(RecipientStatus.PENDING);
        assertThat(plan.variants()).isEmpty();
    }
}
