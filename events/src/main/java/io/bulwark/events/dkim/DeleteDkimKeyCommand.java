package io.bulwark.events.dkim;

import io.bulwark.events.AggregateCommand;

/**
 * Retire a DKIM key: it no longer signs, leaves the list, and its sealed private key is removed. If
 * it was the domain's signing key, the next newest key of the domain signs from now on (none: the
 * domain's mail goes out unsigned).
 *
 * @param keyId the key
 * @param actor the administrator
 */
public record DeleteDkimKeyCommand(String keyId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return DkimKeyIds.AGGREGATE_ID;
    }
}
