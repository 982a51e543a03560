package io.bulwark.console.dkim;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.dkim.DkimKeyAdministration;
import io.bulwark.admin.dkim.SenderRecords;
import io.bulwark.events.dkim.DkimKeyView;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to DKIM key management, over the backend's {@link DkimKeyAdministration}.
 * Every role reads and checks DNS; only ADMINISTRATOR creates and deletes (checked here on the
 * server, whatever the page shows). Refusals: {@link AccessDeniedException} and the backend's
 * {@link io.bulwark.admin.dkim.InvalidDkimKeyException} family. Stateless and thread-safe.
 */
@Component
public class DkimKeysClient {

    private final DkimKeyAdministration keys;

    public DkimKeysClient(DkimKeyAdministration keys) {
        this.keys = keys;
    }

    /** Whether the user may change keys. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    /** Every key, by domain, newest first. */
    public List<DkimKeyView> keys() {
        return keys.keys();
    }

    /** Generates a key; returns its id once the list shows it. */
    public String create(String domain, String selector, String algorithm) {
        return keys.create(domain, selector, algorithm, List.of(), null, null, administrator());
    }

    /** Retires and deletes a key. */
    public void delete(String keyId) {
        keys.delete(keyId, administrator());
    }

    /** Whether DNS publishes the key's record. */
    public DkimKeyAdministration.DnsCheck checkDns(String keyId) {
        return keys.checkDns(keyId);
    }

    /** The SPF and DMARC records suggested for a domain. */
    public SenderRecords.Suggestion suggestions(String domain) {
        return keys.suggestions(domain);
    }

    private String administrator() {
        if (!canChange()) {
            throw new AccessDeniedException("Changing DKIM keys needs ADMINISTRATOR");
        }
        return Roles.actor();
    }
}
