package io.bulwark.gateway.antivirus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.bulwark.events.antivirus.AntivirusDatabase;
import io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpToDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent;
import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import io.bulwark.events.antivirus.AntivirusUpdateResult;
import io.bulwark.gateway.support.InMemoryEventAppender;
import io.bulwark.gateway.tls.SelfSignedTlsMaterialSource;
import io.bulwark.gateway.tls.TlsMaterial;
import io.bulwark.scan.antivirus.LeafEngine;
import io.bulwark.scan.antivirus.signatures.SignatureEngine;
import io.bulwark.scan.testing.TestMessages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signature updates on one node, against a loopback HTTPS mirror (the JDK's HttpsServer with a
 * self-signed certificate that only this test trusts) serving containers signed with the tests' key:
 * given the mirror's files, when the node updates, then the databases in use, the files in the
 * directory and the event recorded.
 */
class AntivirusUpdatesTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final byte[] SAMPLE = "MZ a sample only the daily database of version 2 knows"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path databases;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpsServer mirror;
    private SSLContext clientTls;
    private SignatureEngine engine;
    private final InMemoryEventAppender events = new InMemoryEventAppender();

    @BeforeEach
    void startMirror() throws Exception {
        TlsMaterial material = SelfSignedTlsMaterialSource.generate(List.of("127.0.0.1"), NOW.minusSeconds(86_400),
                Duration.ofDays(3650));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("mirror", material.key(), new char[0], material.chain().toArray(new java.security.cert.Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("mirror", material.leaf());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        mirror = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        mirror.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        mirror.createContext("/clamav/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring("/clamav/".length());
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(file + (range == null ? "" : " " + range));
            byte[] body = served.get(file);
            try (exchange) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                if ("bytes=0-511".equals(range)) {
                    body = java.util.Arrays.copyOf(body, Math.min(512, body.length));
                    exchange.getResponseHeaders().add("Content-Range", "bytes 0-511/*");
                    exchange.sendResponseHeaders(206, body.length);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                }
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        mirror.start();
    }

    @AfterEach
    void stop() {
        mirror.stop(0);
        if (engine != null) {
            engine.close();
        }
    }

    private String mirrorUrl() {
        return "https://127.0.0.1:" + mirror.getAddress().getPort() + "/clamav/";
    }

    private static byte[] daily(int version, Instant published, String... hdbLines) {
        return TestContainers.cvd(version, published, Map.of("daily.hdb",
                (String.join("\n", hdbLines) + "\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private static String hdb(byte[] content, String name) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + ":" + content.length
                + ":" + name;
    }

    private AntivirusUpdates updates(Clock clock, UpdatePermit permit) {
        engine = new SignatureEngine(databases, Duration.ZERO, 1 << 20, TestContainers.KEY);
        SignatureUpdater updater = new SignatureUpdater(databases,
                DatabaseMirror.of(mirrorUrl(), clientTls, Duration.ofSeconds(10)), List.of("main", "daily"),
                TestContainers.KEY, 1 << 20);
        return new AntivirusUpdates("node-1", engine, updater, permit, events, clock, Duration.ofDays(7));
    }

    private AntivirusUpdates updates() {
        return updates(Clock.fixed(NOW, ZoneOffset.UTC), UpdatePermit.ALLOWED);
    }

    private List<String> detections(byte[] content) throws IOException {
        LeafEngine.Scanner scanner = engine.forMessage().orElseThrow();
        return List.copyOf(scanner.scan(new io.bulwark.scan.archive.Leaf("2", List.of("sample.exe"), 0, new ByteArrayInputStream(content))));
    }

    private void serve(byte[] main, byte[] daily) {
        served.put("main.cvd", main);
        served.put("daily.cvd", daily);
    }

    @Test
    void aNewerDailyOnTheHttpsMirrorIsInstalledAndScannedWithAndTheEventCarriesVersionsAndRecords()
            throws Exception {
        serve(TestContainers.cvd(60, NOW.minus(Duration.ofDays(200)), Map.of("main.hdb",
                (hdb(TestMessages.eicar(), "Eicar-Test-Signature") + "\n").getBytes(StandardCharsets.US_ASCII))),
                daily(1, NOW.minus(Duration.ofHours(5)), hdb("nothing".getBytes(), "Nothing-1")));
        try (AntivirusUpdates updates = updates()) {
            assertThat(updates.update(null)).isEqualTo(AntivirusUpdateResult.UPDATED);
            assertThat(detections(SAMPLE)).isEmpty();

            served.put("daily.cvd", daily(2, NOW.minus(Duration.ofHours(1)), hdb("nothing".getBytes(), "Nothing-1"),
                    hdb(SAMPLE, "Win.Trojan.Sample-2")));
            assertThat(updates.update("request-7")).isEqualTo(AntivirusUpdateResult.UPDATED);

            assertThat(detections(SAMPLE)).containsExactly("Win.Trojan.Sample-2");
            AntivirusDatabasesUpdatedEvent updated = events.payloads(AntivirusDatabasesUpdatedEvent.class).getLast();
            assertThat(updated.nodeId()).isEqualTo("node-1");
            assertThat(updated.source()).isEqualTo(mirrorUrl());
            assertThat(updated.requestId()).isEqualTo("request-7");
            assertThat(updated.updated()).containsExactly("daily.cvd");
            assertThat(updated.databases()).containsExactly(
                    new AntivirusDatabase("daily.cvd", 2, 2, NOW.minus(Duration.ofHours(1))),
                    new AntivirusDatabase("main.cvd", 60, 1, NOW.minus(Duration.ofDays(200))));
            assertThat(updated.records()).isEqualTo(3);
            assertThat(updated.publishedAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
            assertThat(updated.indexPublishedAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
            assertThat(requests).contains("daily.cvd bytes=0-511", "daily.cvd");
            try (var files = Files.list(databases)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("main.cvd",
                        "daily.cvd");
            }
        }
    }

    @Test
    void whenTheMirrorHasNothingNewerOnlyTheHeadersAreFetchedAndTheNodeIsUpToDate() throws Exception {
        serve(TestContainers.cvd(60, NOW.minus(Duration.ofDays(200)), Map.of("main.hdb", "".getBytes())),
                daily(5, NOW.minus(Duration.ofHours(2)), hdb(SAMPLE, "Win.Trojan.Sample-2")));
        try (AntivirusUpdates updates = updates()) {
            updates.update(null);
            requests.clear();

            assertThat(updates.update("again")).isEqualTo(AntivirusUpdateResult.UP_TO_DATE);

            assertThat(requests).containsExactly("main.cvd bytes=0-511", "daily.cvd bytes=0-511");
            AntivirusDatabasesUpToDateEvent upToDate = events.payloads(AntivirusDatabasesUpToDateEvent.class).getLast();
            assertThat(upToDate.requestId()).isEqualTo("again");
            assertThat(upToDate.databases()).extracting(AntivirusDatabase::name, AntivirusDatabase::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("daily.cvd", 5),
                            org.assertj.core.groups.Tuple.tuple("main.cvd", 60));
        }
    }

    @Test
    void aContainerWhoseSignatureDoesNotVerifyIsRefusedAndTheOldDatabasesStayInUse() throws Exception {
        serve(TestContainers.cvd(60, NOW.minus(Duration.ofDays(200)), Map.of("main.hdb", "".getBytes())),
                daily(1, NOW.minus(Duration.ofHours(5)), hdb(SAMPLE, "Win.Trojan.Sample-1")));
        try (AntivirusUpdates updates = updates()) {
            updates.update(null);
            served.put("daily.cvd", TestContainers.badlySigned(2, NOW, Map.of("daily.hdb",
                    (hdb("other".getBytes(), "Other-1") + "\n").getBytes(StandardCharsets.US_ASCII))));

            assertThat(updates.update(null)).isEqualTo(AntivirusUpdateResult.FAILED);

            assertThat(detections(SAMPLE)).containsExactly("Win.Trojan.Sample-1");
            AntivirusDatabaseUpdateFailedEvent failed = events.payloads(AntivirusDatabaseUpdateFailedEvent.class)
                    .getLast();
            assertThat(failed.reason()).contains("daily.cvd: the digital signature does not verify");
            assertThat(failed.databases()).extracting(AntivirusDatabase::name, AntivirusDatabase::version)
                    .contains(org.assertj.core.groups.Tuple.tuple("daily.cvd", 1));
            try (var files = Files.list(databases)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("main.cvd",
                        "daily.cvd");
            }
        }
    }

    @Test
    void anUnreachableMirrorIsAFailedUpdateAndScanningGoesOn() throws Exception {
        serve(TestContainers.cvd(60, NOW.minus(Duration.ofDays(200)), Map.of("main.hdb", "".getBytes())),
                daily(1, NOW.minus(Duration.ofHours(5)), hdb(SAMPLE, "Win.Trojan.Sample-1")));
        try (AntivirusUpdates updates = updates()) {
            updates.update(null);
            mirror.stop(0);

            assertThat(updates.update(null)).isEqualTo(AntivirusUpdateResult.FAILED);

            assertThat(detections(SAMPLE)).containsExactly("Win.Trojan.Sample-1");
            assertThat(events.payloads(AntivirusDatabaseUpdateFailedEvent.class).getLast().reason())
                    .startsWith("main.cvd: ");
        }
    }

    @Test
    void anOlderVersionOnALaggingMirrorIsNeverInstalled() throws Exception {
        serve(TestContainers.cvd(60, NOW.minus(Duration.ofDays(200)), Map.of("main.hdb", "".getBytes())),
                daily(9, NOW.minus(Duration.ofHours(5)), hdb(SAMPLE, "Win.Trojan.Sample-9")));
        try (AntivirusUpdates updates = updates()) {
            updates.update(null);
            served.put("daily.cvd", daily(8, NOW, hdb("x".getBytes(), "X-8")));

            assertThat(updates.update(null)).isEqualTo(AntivirusUpdateResult.UP_TO_DATE);
            assertThat(detections(SAMPLE)).containsExactly("Win.Trojan.Sample-9");
        }
    }

    @Test
    void aRefusedPermitIsAFailedUpdateWithItsReasonAndNothingIsFetched() throws Exception {
        serve(TestContainers.cvd(60, NOW, Map.of("main.hdb", "".getBytes())), daily(1, NOW));
        try (AntivirusUpdates updates = updates(Clock.fixed(NOW, ZoneOffset.UTC),
                () -> Optional.of("the licence expired"))) {
            assertThat(updates.update(null)).isEqualTo(AntivirusUpdateResult.FAILED);

            assertThat(requests).isEmpty();
            assertThat(events.payloads(AntivirusDatabaseUpdateFailedEvent.class).getLast().reason())
                    .isEqualTo("updates not permitted: the licence expired");
        }
    }

    @Test
    void databasesOlderThanTheMaximumAgeRaiseAnOutOfDateEventOncePerDay() throws Exception {
        serve(TestContainers.cvd(60, NOW.minus(Duration.ofDays(300)), Map.of("main.hdb", "".getBytes())),
                daily(1, NOW.minus(Duration.ofDays(9)), hdb(SAMPLE, "Win.Trojan.Sample-1")));
        try (AntivirusUpdates updates = updates()) {
            updates.update(null);
            updates.update(null);

            List<AntivirusDatabasesOutOfDateEvent> outOfDate = events.payloads(AntivirusDatabasesOutOfDateEvent.class);
            assertThat(outOfDate).hasSize(1);
            assertThat(outOfDate.getFirst().days()).isEqualTo(9);
            assertThat(outOfDate.getFirst().maxAgeDays()).isEqualTo(7);
            assertThat(outOfDate.getFirst().publishedAt()).isEqualTo(NOW.minus(Duration.ofDays(9)));
            assertThat(events.duplicates()).isEqualTo(1);
        }
    }

    @Test
    void freshDatabasesRaiseNoOutOfDateEvent() throws Exception {
        serve(TestContainers.cvd(60, NOW.minus(Duration.ofDays(300)), Map.of("main.hdb", "".getBytes())),
                daily(1, NOW.minus(Duration.ofDays(6)), hdb(SAMPLE, "Win.Trojan.Sample-1")));
        try (AntivirusUpdates updates = updates()) {
            updates.update(null);
            assertThat(events.payloads(AntivirusDatabasesOutOfDateEvent.class)).isEmpty();
        }
    }

    @Test
    void aFileAnOutsideToolDropsIntoTheDirectoryIsRecordedAsAnUpdateFromTheDirectory() throws Exception {
        try (AntivirusUpdates updates = updates()) {
            Files.writeString(databases.resolve("local.hdb"), hdb(SAMPLE, "Local.Sample-1") + "\n");
            assertThat(engine.reloadIfChanged()).isTrue();

            AntivirusDatabasesUpdatedEvent updated = events.payloads(AntivirusDatabasesUpdatedEvent.class).getLast();
            assertThat(updated.source()).isEqualTo(databases.toUri().toString());
            assertThat(updated.databases()).containsExactly(new AntivirusDatabase("local.hdb", 0, 1, null));
            assertThat(detections(SAMPLE)).containsExactly("Local.Sample-1");
        }
    }

    @Test
    void aMessageBeingScannedKeepsTheDatabaseItStartedWithWhileTheUpdateSwapsIt() throws Exception {
        serve(TestContainers.cvd(60, NOW, Map.of("main.hdb", "".getBytes())),
                daily(1, NOW, hdb("nothing".getBytes(), "Nothing-1")));
        try (AntivirusUpdates updates = updates()) {
            updates.update(null);
            LeafEngine.Scanner inProgress = engine.forMessage().orElseThrow();
            served.put("daily.cvd", daily(2, NOW, hdb(SAMPLE, "Win.Trojan.Sample-2")));

            updates.update(null);

            assertThat(inProgress.scan(new io.bulwark.scan.archive.Leaf("2", List.of("sample.exe"), 0, new ByteArrayInputStream(SAMPLE)))).isEmpty();
            assertThat(detections(SAMPLE)).containsExactly("Win.Trojan.Sample-2");
        }
    }

    @Test
    void anAdministratorsRequestForThisNodeOrAllNodesRunsAnUpdateAndOthersAreIgnored() throws Exception {
        serve(TestContainers.cvd(60, NOW, Map.of("main.hdb", "".getBytes())), daily(1, NOW));
        try (AntivirusUpdates updates = updates()) {
            AntivirusUpdateEventHandler handler = new AntivirusUpdateEventHandler("node-1", updates);
            handler.on(new AntivirusUpdateRequestedEvent("for-node-2", "node-2", "admin", NOW));
            handler.on(new AntivirusUpdateRequestedEvent("for-all", null, "admin", NOW));
            handler.on(new AntivirusUpdateRequestedEvent("for-me", "node-1", "admin", NOW));

            updates.request("barrier").get(20, TimeUnit.SECONDS);
            assertThat(events.all()).map(e -> requestId(e.getPayload())).containsExactly("for-all", "for-me",
                    "barrier");
        }
    }

    private static String requestId(Object event) {
        return switch (event) {
            case AntivirusDatabasesUpdatedEvent e -> e.requestId();
            case AntivirusDatabasesUpToDateEvent e -> e.requestId();
            case AntivirusDatabaseUpdateFailedEvent e -> e.requestId();
            default -> event.getClass().getSimpleName();
        };
    }
}
