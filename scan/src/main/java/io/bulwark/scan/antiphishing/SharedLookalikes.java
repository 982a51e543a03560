package io.bulwark.scan.antiphishing;

import io.bulwark.scan.domain.PublicSuffixList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A check's {@link Lookalikes} for its configured domains, built once and rebuilt only when the
 * scan hands it another public suffix list. Derived from configuration only (never from a message),
 * so sharing it keeps the checks stateless. Building one per message computed every protected
 * domain's confusable skeleton and registrable domain again for each message.
 */
final class SharedLookalikes {
    private final List<String> protectedDomains;
    private final AtomicReference<Lookalikes> current = new AtomicReference<>();

    SharedLookalikes(List<String> protectedDomains) {
        this.protectedDomains = List.copyOf(protectedDomains);
    }

    /** The lookalikes for this suffix list (racing callers may both build one; either is right). */
    Lookalikes with(PublicSuffixList suffixes) {
        Lookalikes l = current.get();
        if (l == null || l.suffixes() != suffixes) {
            l = new Lookalikes(protectedDomains, suffixes);
            current.set(l);
        }
        return l;
    }
}
