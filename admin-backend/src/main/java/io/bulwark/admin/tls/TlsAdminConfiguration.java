package io.bulwark.admin.tls;

import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.secrets.MasterKeyProvisioning;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires certificate management: the master key (as {@link MasterKeyProvisioning} finds it: by
 * default {@code ${bulwark.data-dir}/tls/master.key}, created on first use), the key vault, the service,
 * and the list projection's tracking processor.
 */
@Configuration(proxyBeanMethods = false)
public class TlsAdminConfiguration {

    @Bean
    public MasterKey bulwarkTlsMasterKey(Environment environment, MongoDatabase database) throws IOException {
        return MasterKeyProvisioning.load(environment, database);
    }

    @Bean
    public TlsKeyVault bulwarkTlsKeyVault(MongoDatabase database, MasterKey masterKey) {
        return new TlsKeyVault(database, masterKey);
    }

    @Bean
    public CertificateAdministration certificateAdministration(CommandGateway commands, QueryGateway queries,
            TlsKeyVault vault) {
        return new CertificateAdministration(commands, queries, vault, Clock.systemUTC());
    }

    @Bean
    public ConfigurerModule certificateEventProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(CertificatesProjection.PROCESSING_GROUP));
    }
}
