package io.bulwark.gateway.licence;

import io.bulwark.scan.licence.LicenceSettings;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's licence gate ({@link NodeLicence}), present in every gateway (imported by
 * {@code GatewayConfiguration}); {@link LicenceTrackingConfiguration} connects it to the licence
 * events where there is an event store. Properties: {@code bulwark.licence.enforce} (default false)
 * and {@code bulwark.licence.warning-days} (default 30): set them alike on every node.
 */
@Configuration(proxyBeanMethods = false)
public class LicenceGateConfiguration {

    @Bean
    NodeLicence bulwarkNodeLicence(@Value("${bulwark.licence.enforce:false}") boolean enforce,
            @Value("${bulwark.licence.warning-days:30}") int warningDays) {
        return new NodeLicence(new LicenceSettings(enforce, warningDays), Clock.systemUTC());
    }

    /**
     * Anti-virus database updates ask the licence (reference E: a trial that expired stops updates,
     * a commercial key that expired stops them while scanning goes on); refused with the licence's
     * own sentence.
     */
    @Bean
    io.bulwark.gateway.antivirus.UpdatePermit bulwarkLicencedUpdatePermit(NodeLicence licence) {
        return () -> {
            io.bulwark.scan.licence.LicenceStatus status = licence.status();
            return status.updatesAllowed() ? java.util.Optional.empty()
                    : java.util.Optional.of("the licence does not allow updates: " + status.message());
        };
    }
}
