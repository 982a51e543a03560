package io.bulwark.admin.web;

import io.bulwark.admin.AdminProperties;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link ConsoleTls} into servlet web applications. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleTlsConfiguration {

    @Bean
    public ConsoleTls bulwarkConsoleTls(AdminProperties properties,
            @Value("${bulwark.data-dir:./data}") Path dataDir, SslBundleRegistry registry, SslBundles bundles,
            ServerProperties server) {
        return new ConsoleTls(properties, dataDir, registry, bundles, server);
    }
}
