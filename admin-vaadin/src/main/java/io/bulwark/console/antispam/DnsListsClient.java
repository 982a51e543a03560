package io.bulwark.console.antispam;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.antispam.DnsListAdministration;
import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListsProjection;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to the anti-spam module's custom DNS lists, over the backend's
 * {@link DnsListAdministration}. Every role reads; only ADMINISTRATOR changes (checked here on the
 * server, whatever the page shows). Refusals: {@link AccessDeniedException} and the backend's
 * {@code InvalidDnsListException} family. Stateless and thread-safe.
 */
@Component
public class DnsListsClient {

    private final DnsListAdministration lists;

    public DnsListsClient(DnsListAdministration lists) {
        this.lists = lists;
    }

    /** Whether the user may change lists. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    /** The lists now. */
    public DnsListsProjection.View lists() {
        return lists.lists();
    }

    /** Adds a list. */
    public DnsListsProjection.View add(DnsListDefinition list) {
        return lists.add(list, administrator());
    }

    /** Replaces a list's settings. */
    public DnsListsProjection.View edit(DnsListDefinition list) {
        return lists.edit(list.symbol(), list, administrator());
    }

    /** Removes a list. */
    public DnsListsProjection.View remove(String symbol) {
        return lists.remove(symbol, administrator());
    }

    private String administrator() {
        if (!canChange()) {
            throw new AccessDeniedException("Changing the DNS lists needs ADMINISTRATOR");
        }
        return Roles.actor();
    }
}
