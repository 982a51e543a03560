package io.bulwark.gateway.tlsadmin;

import io.bulwark.store.secrets.MasterKey;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateIds;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.bulwark.gateway.tls.Pem;
import io.bulwark.gateway.tls.SelfSignedTlsMaterialSource;
import io.bulwark.gateway.tls.ServerTls;
import io.bulwark.gateway.tls.TlsMaterial;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate activation on a running gateway, over real STARTTLS handshakes: the key and chain are
 * stored as the admin backend stores them (sealed with the master key in {@code tls_keys}), and an
 * activation event makes the next handshake present the new certificate without a restart.
 */
class CertificateActivationTest {

    @TempDir
    Path data;

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private MasterKey kek;

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("tls-activation");
        kek = MasterKey.loadOrCreate(data.resolve("tls/master.key"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    /** Stores a fresh certificate as the admin backend would; returns it. */
    private TlsMaterial stored(String keyId, String name) throws Exception {
        TlsMaterial material = SelfSignedTlsMaterialSource.generate(List.of(name), Instant.now(), Duration.ofDays(30));
        database.getCollection(ManagedCertificateStore.COLLECTION).insertOne(new Document("_id", keyId)
                .append("certificateId", "cert-" + keyId)
                .append("algorithm", material.key().getAlgorithm())
                .append("sealedKey", new Binary(kek.seal(keyId, material.key().getEncoded())))
                .append("chainPem", Pem.certificates(material.chain())));
        return material;
    }

    private static CertificateActivatedEvent activated(String keyId, TlsMaterial material) throws Exception {
        return new CertificateActivatedEvent("cert-" + keyId, keyId,
                ManagedCertificateStore.fingerprint(material.leaf()), null, "admin", Instant.now());
    }

    private static X509Certificate handshake(TestGateway gateway) throws Exception {
        try (SmtpTestClient smtp = new SmtpTestClient(gateway.smtpPort())) {
            smtp.command("EHLO client.test");
            return smtp.startTls();
        }
    }

    @Test
    void anActivatedCertificateIsPresentedByTheNextHandshakeWithoutRestart() throws Exception {
        try (TestGateway gateway = TestGateway.start(data)) {
            CertificateActivationHandler handler = new CertificateActivationHandler(gateway.bean(ServerTls.class),
                    new ManagedCertificateStore(database, kek), () -> null);
            X509Certificate before = handshake(gateway);
            TlsMaterial managed = stored("k1", "mx-new.example.com");
            assertThat(before).isNotEqualTo(managed.leaf());

            handler.on(activated("k1", managed));

            assertThat(handshake(gateway)).isEqualTo(managed.leaf());
            assertThat(handler.installedFingerprint()).isEqualTo(ManagedCertificateStore.fingerprint(managed.leaf()));
        }
    }

    @Test
    void aBrokenActivationKeepsThePreviousCertificate() throws Exception {
        try (TestGateway gateway = TestGateway.start(data)) {
            CertificateActivationHandler handler = new CertificateActivationHandler(gateway.bean(ServerTls.class),
                    new ManagedCertificateStore(database, kek), () -> null);
            TlsMaterial good = stored("k1", "mx-good.example.com");
            handler.on(activated("k1", good));
            TlsMaterial other = stored("k2", "mx-other.example.com");

            // The stored chain is not the certificate the event names.
            handler.on(new CertificateActivatedEvent("cert-k2", "k2",
                    ManagedCertificateStore.fingerprint(good.leaf()).replace('A', 'B') + ":00", null, "admin",
                    Instant.now()));
            // Sealed with another node's master key.
            MasterKey foreign = MasterKey.loadOrCreate(data.resolve("other.key"));
            handler = new CertificateActivationHandler(gateway.bean(ServerTls.class),
                    new ManagedCertificateStore(database, foreign), () -> null);
            handler.on(activated("k2", other));
            // Not stored at all.
            handler.on(new CertificateActivatedEvent("cert-k9", "k9", "00", null, "admin", Instant.now()));

            assertThat(handshake(gateway)).isEqualTo(good.leaf());
        }
    }

    @Test
    void atStartTheLastActivationOfTheCertificateStreamIsInstalled() throws Exception {
        TlsMaterial first = stored("k1", "mx-first.example.com");
        TlsMaterial second = stored("k2", "mx-second.example.com");
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .buildConfiguration();
        axon.start();
        try (TestGateway gateway = TestGateway.start(data)) {
            axon.eventStore().publish(
                    new GenericDomainEventMessage<>("TlsCertificates", CertificateIds.AGGREGATE_ID, 0,
                            activated("k1", first)),
                    new GenericDomainEventMessage<>("TlsCertificates", CertificateIds.AGGREGATE_ID, 1,
                            activated("k2", second)));
            CertificateActivationHandler handler = new CertificateActivationHandler(gateway.bean(ServerTls.class),
                    new ManagedCertificateStore(database, kek), axon::eventStore);

            handler.startingPoint(axon.eventStore());

            assertThat(handshake(gateway)).isEqualTo(second.leaf());
        } finally {
            axon.shutdown();
        }
    }
}
