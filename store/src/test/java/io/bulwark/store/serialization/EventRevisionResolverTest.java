package io.bulwark.store.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.EventRevision;
import org.junit.jupiter.api.Test;

class EventRevisionResolverTest {

    @EventRevision("3")
    record Revised(String value) {
    }

    record Plain(String value) {
    }

    @Test
    void theAnnotationsRevisionOrNoneAndTheSameAnswerWhenAskedAgain() {
        EventRevisionResolver resolver = new EventRevisionResolver();
        assertThat(resolver.revisionOf(Revised.class)).isEqualTo("3");
        assertThat(resolver.revisionOf(Revised.class)).isEqualTo("3");
        assertThat(resolver.revisionOf(Plain.class)).isNull();
        assertThat(resolver.revisionOf(Plain.class)).isNull();
    }
}
