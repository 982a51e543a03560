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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires DKIM key management: the vault (sealed with the same {@link MasterKey} as the TLS keys), the
 * service, and the list projection's tracking processor.
 *
 * <p>DNS: the node's {@link DnsLookup} when the node has one (a gateway node, the appliance), else
 * one made here from {@code bulwark.dns.servers} / {@code bulwark.dns.timeout} and kept inside the
 * service rather than published as a bean, so an assembly never sees two. SPF suggestion:
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
            DkimKeyVault vault, ObjectProvider<DnsLookup> nodeDns,
            @Value("${bulwark.dns.servers:}") List<String> servers,
            @Value("${bulwark.dns.timeout:10s}") Duration timeout,
            @Value("${bulwark.dkim.public-addresses:}") List<String> publicAddresses) {
        DnsLookup dns = nodeDns.getIfAvailable(() -> DnsjavaLookup.create(DnsSettings.servers(
                servers.stream().filter(s -> !s.isBlank()).toList()).withTimeout(timeout)));
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
