package io.bulwark.admin.antispam;

import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Takes the custom DNS lists from the configuration properties {@code bulwark.antispam.dnsbl[i]}
 * and {@code bulwark.antispam.uribl[i]} (the shape docs/antispam.md gives, the gateway's own) into
 * the {@link DnsListSet} once the application is ready. The aggregate ignores the seeding when it
 * has any event: the properties are first-start values, and after that the console and the API own
 * the lists (a property changed later does nothing; the log says so).
 */
@Component
public class DnsListSeeding implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(DnsListSeeding.class);
    static final String SOURCE = "bulwark.antispam.dnsbl / bulwark.antispam.uribl";

    private final DnsListAdministration lists;
    private final Environment environment;

    public DnsListSeeding(DnsListAdministration lists, Environment environment) {
        this.lists = lists;
        this.environment = environment;
    }

    /** One list as the properties spell it. */
    public record Zone(String symbol, String zone, @DefaultValue Map<String, String> codes,
            @DefaultValue("30") double weight, @DefaultValue("true") boolean blacklist,
            @DefaultValue("false") boolean deep) {
    }

    /** The properties' lists. */
    public record Lists(@DefaultValue List<Zone> dnsbl, @DefaultValue List<Zone> uribl) {
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<DnsListDefinition> seed = fromProperties(Binder.get(environment));
        try {
            boolean before = lists.lists().configured();
            lists.seed(seed, SOURCE);
            if (before && !seed.isEmpty()) {
                log.info("anti-spam DNS lists are managed in the console and /api/v1/antispam/lists; the {} "
                        + "propert(ies) under bulwark.antispam.dnsbl/uribl only seeded the first start", seed.size());
            }
        } catch (RuntimeException e) {
            log.error("anti-spam DNS lists could not be seeded from {}: {}", SOURCE, e.getMessage());
        }
    }

    /** The lists the properties configure, every one enabled. */
    static List<DnsListDefinition> fromProperties(Binder binder) {
        Lists bound = binder.bind("bulwark.antispam", Bindable.of(Lists.class)).orElse(new Lists(List.of(), List.of()));
        List<DnsListDefinition> seed = new ArrayList<>();
        if (bound.dnsbl() != null) {
            bound.dnsbl().forEach(z -> seed.add(definition(z, DnsListKind.DNSBL)));
        }
        if (bound.uribl() != null) {
            bound.uribl().forEach(z -> seed.add(definition(z, DnsListKind.URIBL)));
        }
        return seed;
    }

    private static DnsListDefinition definition(Zone z, DnsListKind kind) {
        return new DnsListDefinition(z.symbol(), kind, z.zone(), z.codes(), z.weight(), z.blacklist(),
                kind == DnsListKind.DNSBL && z.deep(), true);
    }
}
