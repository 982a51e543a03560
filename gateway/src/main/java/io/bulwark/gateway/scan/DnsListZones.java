package io.bulwark.gateway.scan;

import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListKind;
import io.bulwark.events.dnslist.DnsListsProjection;
import io.bulwark.scan.antispam.dnsbl.ListZone;
import io.bulwark.scan.antispam.dnsbl.LiveZones;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the custom DNS lists of the events into the zones the anti-spam checks ask: enabled lists
 * only, each kind to its check. Once the lists have events they replace the properties' lists
 * entirely (the properties only seed the first start; docs/antispam.md).
 */
public final class DnsListZones {
    private static final Logger log = LoggerFactory.getLogger(DnsListZones.class);

    private DnsListZones() {
    }

    /** Replaces {@code live} with the enabled lists of {@code view}. */
    public static void apply(DnsListsProjection.View view, LiveZones live) {
        List<ListZone> address = new ArrayList<>();
        List<ListZone> link = new ArrayList<>();
        for (DnsListDefinition list : view.lists()) {
            if (!list.enabled()) {
                continue;
            }
            try {
                ListZone zone = new ListZone(list.symbol(), list.zone(), list.codes(), list.weight(), list.blacklist(),
                        list.deep());
                (list.kind() == DnsListKind.URIBL ? link : address).add(zone);
            } catch (IllegalArgumentException e) {
                log.warn("DNS list {} ignored: {}", list.symbol(), e.getMessage()); // validated by the aggregate
            }
        }
        live.replace(address, link);
        log.info("anti-spam DNS lists now: {} address list(s) {}, {} link-domain list(s) {}", address.size(),
                address.stream().map(ListZone::symbol).toList(), link.size(), link.stream().map(ListZone::symbol).toList());
    }
}
