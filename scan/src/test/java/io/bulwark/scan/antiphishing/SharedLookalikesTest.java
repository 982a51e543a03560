package io.bulwark.scan.antiphishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.domain.PublicSuffixList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedLookalikesTest {
    private final PublicSuffixList bundled = PublicSuffixList.bundled();

    @Test
    void builtOncePerSuffixList() {
        SharedLookalikes shared = new SharedLookalikes(List.of("example.com"));

        Lookalikes first = shared.with(bundled);

        assertThat(shared.with(bundled)).isSameAs(first);
        assertThat(first.protectedDomains()).containsExactly("example.com");
    }

    @Test
    void rebuiltForAnotherSuffixList() {
        SharedLookalikes shared = new SharedLookalikes(List.of("example.com"));
        Lookalikes first = shared.with(bundled);
        PublicSuffixList other = new PublicSuffixList() {
            @Override
            public Optional<String> publicSuffix(String hostName) {
                return bundled.publicSuffix(hostName);
            }

            @Override
            public Optional<String> registrableDomain(String hostName) {
                return bundled.registrableDomain(hostName);
            }
        };

        Lookalikes second = shared.with(other);

        assertThat(second).isNotSameAs(first);
        assertThat(second.suffixes()).isSameAs(other);
        assertThat(shared.with(other)).isSameAs(second);
    }
}
