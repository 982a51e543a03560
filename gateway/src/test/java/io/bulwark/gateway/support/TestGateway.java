package io.bulwark.gateway.support;

import io.bulwark.gateway.GatewayConfiguration;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A gateway in its own Spring context, wired exactly as in the application (same
 * {@link GatewayConfiguration}, same property binding) but without auto-configuration, with an
 * in-memory event appender and small retry delays.
 */
public final class TestGateway implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private TestGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a gateway whose data lives in {@code dataDir}, with extra {@code key=value} properties. */
    public static TestGateway start(Path dataDir, String... properties) {
        return start(dataDir, List.of(), properties);
    }

    /** Starts a gateway with extra Spring configuration (e.g. a test {@code Check} bean) and properties. */
    public static TestGateway start(Path dataDir, List<Class<?>> configurations, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "bulwark.data-dir=" + dataDir,
                "bulwark.node-id=test-node",
                "bulwark.smtp.port=0",
                "bulwark.smtp.bind-address=127.0.0.1",
                "bulwark.smtp.hostname=gw.test",
                "bulwark.delivery.retry-initial=200ms",
                "bulwark.delivery.retry-max=400ms",
                "bulwark.delivery.connect-timeout=2s",
                "bulwark.delivery.command-timeout=5s",
                "bulwark.dns.timeout=2s",
                "bulwark.smtp.error-sleep-time=0s"));
        all.addAll(List.of(properties));
        if (all.stream().noneMatch(p -> p.startsWith("bulwark.dns.servers="))) {
            // Sender authentication runs under the Default rule: its DNS questions go to an empty
            // zone on loopback (every name NXDOMAIN), never to the machine's resolver.
            all.add("bulwark.dns.servers=" + EmptyZone.SERVER.address());
        }
        List<Class<?>> sources = new ArrayList<>(List.of(App.class));
        sources.addAll(configurations);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .run();
        return new TestGateway(context);
    }

    /** One loopback DNS server without records for every gateway of the test JVM. */
    private static final class EmptyZone {
        static final io.bulwark.scan.dns.testing.LoopbackDnsServer SERVER;

        static {
            try {
                SERVER = new io.bulwark.scan.dns.testing.LoopbackDnsServer();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public int smtpPort() {
        return context.getBean(SmtpServerLifecycle.class).getPort();
    }

    public InMemoryEventAppender events() {
        return context.getBean(InMemoryEventAppender.class);
    }

    /** The policy the gateway judges by; feed it rule events with {@code apply(event, sequence)}. */
    public GatewayPolicy policy() {
        return context.getBean(GatewayPolicy.class);
    }

    public InMemoryBackupSink backups() {
        return context.getBean(InMemoryBackupSink.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public boolean hasBean(Class<?> type) {
        return context.getBeanProvider(type).getIfAvailable() != null;
    }

    @Override
    public void close() {
        context.close();
    }

    /** A free loopback port, for a next hop that starts later. */
    public static int reservePort() throws IOException {
        // Below the kernel's ephemeral range (Linux: 32768-60999), so a listener that binds port 0
        // later (the gateway itself, in the same test) can never be given this same port: that made
        // a test deliver to its own gateway once.
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    @Configuration(proxyBeanMethods = false)
    @Import(GatewayConfiguration.class)
    static class App {
        @Bean
        InMemoryEventAppender inMemoryEventAppender() {
            return new InMemoryEventAppender();
        }

        @Bean
        @Primary
        InMemoryBackupSink inMemoryBackupSink() {
            return new InMemoryBackupSink();
        }

        /**
         * No event store here: tests feed {@link GatewayPolicy} directly ({@link #policy()}), so the
         * policy is ready from the start, with the presets.
         */
        @Bean
        SmartInitializingSingleton policyReady(GatewayPolicy policy) {
            return policy::markReady;
        }
    }
}
