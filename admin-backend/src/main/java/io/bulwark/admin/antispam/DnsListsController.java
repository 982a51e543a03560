package io.bulwark.admin.antispam;

import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListKind;
import io.bulwark.events.dnslist.DnsListsProjection;
import java.security.Principal;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The anti-spam module's custom DNS lists over REST, under {@value #PATH} (docs/antispam.md). Every
 * answer is the lists as they are after the request: {@code {"lists": [...], "configured": bool}}.
 * Reads for every role, changes for ADMINISTRATOR (API filter chain); the actor of each change is
 * the authenticated user. Stateless.
 */
@RestController
@RequestMapping(DnsListsController.PATH)
public class DnsListsController {
    /** Base path. */
    public static final String PATH = "/api/v1/antispam/lists";

    private final DnsListAdministration lists;

    public DnsListsController(DnsListAdministration lists) {
        this.lists = lists;
    }

    /**
     * Body of {@code POST} and {@code PUT /{symbol}}. Defaults for what is left out: {@code codes}
     * none (any 127.0.0.0/8 answer counts), {@code weight} 30, {@code blacklist} true, {@code deep}
     * false, {@code enabled} true.
     */
    public record ListRequest(String symbol, DnsListKind kind, String zone, Map<String, String> codes, Double weight,
            Boolean blacklist, Boolean deep, Boolean enabled) {

        DnsListDefinition definition(String symbolFromPath) {
            String s = symbolFromPath != null ? symbolFromPath : symbol;
            if (symbolFromPath != null && symbol != null && !symbol.strip().equals(symbolFromPath)) {
                throw new InvalidDnsListException("The symbol of a list cannot change (" + symbolFromPath + " -> "
                        + symbol + "): remove it and add a new one");
            }
            return new DnsListDefinition(s, kind, zone, codes, weight == null ? 30 : weight,
                    blacklist == null || blacklist, deep != null && deep, enabled == null || enabled);
        }
    }

    @GetMapping
    public DnsListsProjection.View lists() {
        return lists.lists();
    }

    @PostMapping
    public DnsListsProjection.View add(@RequestBody ListRequest request, Principal user) {
        return lists.add(request.definition(null), user.getName());
    }

    @PutMapping("/{symbol}")
    public DnsListsProjection.View edit(@PathVariable String symbol, @RequestBody ListRequest request,
            Principal user) {
        return lists.edit(symbol, request.definition(symbol), user.getName());
    }

    @DeleteMapping("/{symbol}")
    public DnsListsProjection.View remove(@PathVariable String symbol, Principal user) {
        return lists.remove(symbol, user.getName());
    }
}
