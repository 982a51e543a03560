package io.bulwark.admin.licence;

import io.bulwark.scan.licence.LicenceSettings;
import io.bulwark.scan.licence.LicenceVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires licence management (docs/licensing.md has every property): the verifier trusting
 * {@code bulwark.licence.public-key} (comma-separated while an authority key is rotated), the
 * activation service ({@code bulwark.licence.activation.url} with {@code .proxy}, else the local
 * {@code bulwark.licence.activation.codes-file}), the settings ({@code bulwark.licence.enforce},
 * {@code bulwark.licence.warning-days}), the scheduled check ({@code bulwark.licence.check-interval},
 * {@code bulwark.licence.check-initial-delay}) and the projection's tracking processor.
 */
@Configuration(proxyBeanMethods = false)
public class LicenceAdminConfiguration {

    @Bean
    public LicenceAdministration licenceAdministration(CommandGateway commands, QueryGateway queries,
            @Value("${bulwark.licence.public-key:}") List<String> publicKeys,
            @Value("${bulwark.licence.enforce:false}") boolean enforce,
            @Value("${bulwark.licence.warning-days:30}") int warningDays,
            @Value("${bulwark.licence.activation.url:}") String url,
            @Value("${bulwark.licence.activation.proxy:}") String proxy,
            @Value("${bulwark.licence.activation.codes-file:}") String codesFile) {
        ActivationService activation = url.isBlank()
                ? new LocalActivationService(codesFile.isBlank() ? null : Path.of(codesFile))
                : new HttpActivationService(URI.create(url), proxy);
        return new LicenceAdministration(commands, queries, new LicenceVerifier(publicKeys), activation,
                new LicenceSettings(enforce, warningDays), Clock.systemUTC());
    }

    @Bean
    public LicenceMonitor licenceMonitor(LicenceAdministration licence,
            @Value("${bulwark.licence.check-interval:1h}") Duration interval,
            @Value("${bulwark.licence.check-initial-delay:30s}") Duration initialDelay) {
        return new LicenceMonitor(licence, interval, initialDelay);
    }

    @Bean
    public ConfigurerModule licenceEventProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(LicenceProjection.PROCESSING_GROUP));
    }
}
