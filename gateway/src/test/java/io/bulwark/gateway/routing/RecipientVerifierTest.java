package io.bulwark.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.gateway.routing.RecipientVerifier.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecipientVerifierTest {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void positiveAndNegativeVerdictsExpireAfterTheirOwnTtlAndUnknownIsNeverCached() {
        Deque<Verdict> answers = new ArrayDeque<>(List.of(new Verdict.Accepted(), new Verdict.Accepted(),
                new Verdict.Refused("550 no"), new Verdict.Refused("550 no"), new Verdict.Unknown("down"),
                new Verdict.Unknown("down")));
        AtomicInteger probes = new AtomicInteger();
        RecipientVerifier verifier = new RecipientVerifier(List.of("Dest.Test."), address -> {
            probes.incrementAndGet();
            return answers.pop();
        }, Duration.ofDays(7), Duration.ofHours(3), clock);

        assertThat(verifier.covers("dest.test")).isTrue();
        assertThat(verifier.covers("other.test")).isFalse();
        assertThat(verifier.verify("a@dest.test")).isInstanceOf(Verdict.Accepted.class);
        now = now.plus(Duration.ofDays(6));
        assertThat(verifier.verify("A@dest.test")).isInstanceOf(Verdict.Accepted.class);
        assertThat(probes).hasValue(1);
        now = now.plus(Duration.ofDays(2));
        verifier.verify("a@dest.test");
        assertThat(probes).hasValue(2);

        assertThat(verifier.verify("b@dest.test")).isEqualTo(new Verdict.Refused("550 no"));
        now = now.plus(Duration.ofHours(2));
        verifier.verify("b@dest.test");
        assertThat(probes).hasValue(3);
        now = now.plus(Duration.ofHours(2));
        verifier.verify("b@dest.test");
        assertThat(probes).hasValue(4);

        assertThat(verifier.verify("c@dest.test")).isInstanceOf(Verdict.Unknown.class);
        assertThat(verifier.verify("c@dest.test")).isInstanceOf(Verdict.Unknown.class);
        assertThat(probes).hasValue(6);
    }
}
