package io.bulwark.admin.dkim;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.store.secrets.MasterKey;

import com.mongodb.client.MongoDatabase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires DKIM key management: the vault (sealed with the same {@link MasterKey} as the TLS keys), the
 * service, and the list projection's tracking processor.
 *
 * <p>DNS: the project's DNS service ({@link DnsjavaLookup}) asking the servers of
 * {@code bulwark.dns.servers} with {@code bulwark.dns.timeout}, as the gateway does, but its own
 * instance without a cache: "Check DNS" is pressed right after publishing a record, and the
 * gateway's cache would keep answering the NXDOMAIN of a minute ago for up to its negative TTL. It
 * is kept inside the service rather than published as a bean, so an assembly never sees two
 * {@link DnsLookup} beans. SPF suggestion:
 * {@code bulwark.dkim.public-addresses} (IP literals, comma-separated), the addresses this
 * gateway's outgoing mail leaves from.
 */
@Configuration(proxyBeanMethods = false)
public class DkimAdminConfiguration {

    @Bean
    public DkimKeyVault bulwarkDkimKeyVault(MongoDatabase database, MasterKey masterKey) {
        return new DkimKeyVault(database, masterKey);
    }

    @Bean
    public DkimKeyAdministration dkimKeyAdministration(CommandGateway commands, QueryGateway queries,
            DkimKeyVault vault,
            @Value("${bulwark.dns.servers:}") List<String> servers,
            @Value("${bulwark.dns.timeout:10s}") Duration timeout,
            @Value("${bulwark.dkim.public-addresses:}") List<String> publicAddresses) {
        DnsLookup dns = DnsjavaLookup.create(new DnsSettings(servers.stream().filter(s -> !s.isBlank()).toList(),
                timeout, 1_000, Duration.ZERO, Duration.ZERO));
        return new DkimKeyAdministration(commands, queries, vault, dns, new SenderRecords(addresses(publicAddresses)));
    }

    @Bean
    public ConfigurerModule dkimKeyEventProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(DkimKeysProjection.PROCESSING_GROUP));
    }

    private static List<InetAddress> addresses(List<String> literals) {
        List<InetAddress> out = new ArrayList<>();
        for (String literal : literals) {
            if (literal.isBlank()) {
                continue;
            }
            try {
                out.add(InetAddress.getByAddress(DnsSettings.parseServer(literal.strip()).getAddress().getAddress()));
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException("bulwark.dkim.public-addresses: not an IP address: " + literal, e);
            }
        }
        return out;
    }
}
