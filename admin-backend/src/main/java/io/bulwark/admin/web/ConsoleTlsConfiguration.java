package io.bulwark.admin.web;

import io.bulwark.admin.AdminProperties;
import io.bulwark.admin.tls.TlsKeyVault;
import java.nio.file.Path;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link ConsoleTls} and the managed certificate's activation into servlet web applications. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleTlsConfiguration {

    @Bean
    public ConsoleTls bulwarkConsoleTls(AdminProperties properties,
            @Value("${bulwark.data-dir:./data}") Path dataDir, SslBundleRegistry registry, SslBundles bundles,
            ServerProperties server) {
        return new ConsoleTls(properties, dataDir, registry, bundles, server);
    }

    @Bean
    public ConsoleCertificateActivation bulwarkConsoleCertificateActivation(ConsoleTls console, TlsKeyVault vault,
            ObjectProvider<EventStore> events) {
        return new ConsoleCertificateActivation(console, vault, events::getObject);
    }

    /** The console's certificate follows activations on the node that handled them (subscribing). */
    @Bean
    public ConfigurerModule consoleCertificateProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(ConsoleCertificateActivation.PROCESSING_GROUP));
    }

    /** After the web server is up: present the certificate activated last, if any. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> consoleCertificateAtStart(ConsoleCertificateActivation activation) {
        return ready -> activation.presentActive();
    }
}
