package io.bulwark.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.routing.RelayPolicy;
import io.bulwark.gateway.smtp.BareNewlinePolicy;
import io.bulwark.gateway.smtp.InboundTlsPolicy;
import io.bulwark.gateway.smtp.SessionSettings;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.support.InMemoryBackupSink;
import io.bulwark.gateway.support.InMemoryEventAppender;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.tls.SelfSignedTlsMaterialSource;
import io.bulwark.gateway.tls.ServerTls;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.message.Envelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The envelope's session facts as a check sees them, filled from a real SMTP session over
 * loopback, with the client name looked up in a loopback DNS server. The processor stands in for
 * the pipeline: it records the envelope (reading the client name as a check would, or not) and
 * then fails, so DATA answers 451 and nothing is kept.
 */
class SessionFactsOverSmtpTest {
    private static final String MESSAGE = "From: a@sender.test\r\nSubject: hi\r\n\r\nhello\r\n.\r\n";

    @TempDir
    static Path tlsDir; // one self-signed certificate for all tests: key generation is the slow part
    @TempDir
    Path data;
    private LoopbackDnsServer dns;
    private SmtpServerLifecycle listener;
    private final AtomicReference<Envelope> seen = new AtomicReference<>();
    private final AtomicReference<Optional<String>> nameSeen = new AtomicReference<>();

    @BeforeEach
    void dns() throws Exception {
        dns = new LoopbackDnsServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (listener != null) {
            listener.stop();
        }
        dns.close();
    }

    private int start(List<String> mynetworks, boolean askForTheName, Duration bound) throws Exception {
        GatewayPolicy policy = new GatewayPolicy();
        policy.markReady();
        Judging judging = new Judging((raw, envelope) -> {
            seen.set(envelope);
            if (askForTheName) {
                nameSeen.set(envelope.clientName());
            }
            throw new IllegalStateException("test: stop after the envelope");
        }, policy, new InMemoryBackupSink());
        IntakeSettings settings = new IntakeSettings("gw.test", "test-node", 1_000_000, 50, Duration.ofSeconds(1),
                Clock.systemUTC());
        Intake intake = new Intake(new QueueIdGenerator("test-node", Clock.systemUTC()),
                new RecipientAdmission(new RelayPolicy(List.of("corp.example"), mynetworks), Optional.empty(),
                        "gw.test", "postmaster@corp.example"),
                judging,
                new ClientNames(DnsjavaLookup.create(DnsSettings.servers(List.of(dns.address())).withTimeout(bound)),
                        bound),
                new Intake.Durability(new Spool(data.resolve("spool")),
                        new MessageEventPublisher(new InMemoryEventAppender()), message -> { }),
                settings);
        ServerTls tls = new ServerTls(new SelfSignedTlsMaterialSource(tlsDir, List.of("gw.test"),
                Clock.systemUTC()), List.of("TLSv1.3", "TLSv1.2"), List.of(), Duration.ZERO);
        SessionSettings session = new SessionSettings("gw.test", 1_000_000, 100, 10, 10, 0, Duration.ofSeconds(10),
                Duration.ofSeconds(10), 10, 20, Duration.ZERO, 2048, BareNewlinePolicy.NORMALIZE,
                InboundTlsPolicy.OFFERED, false);
        listener = new SmtpServerLifecycle(intake, tls, session, List.of(), "127.0.0.1", 0);
        listener.start();
        return listener.getPort();
    }

    private static String send(SmtpTestClient client) throws Exception {
        assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("250");
        assertThat(client.command("RCPT TO:<b@corp.example>")).startsWith("250");
        assertThat(client.command("DATA")).startsWith("354");
        return client.data(MESSAGE);
    }

    /** One session, one message, which the failing processor answers with 451. */
    private static void sendOne(int port, String hello) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            assertThat(client.command(hello)).startsWith("250");
            assertThat(send(client)).startsWith("451 4.3.0");
        }
    }

    @Test
    void theEnvelopeCarriesHeloTlsAndTheForwardConfirmedClientName() throws Exception {
        dns.ptr("127.0.0.1", "client.test").a("client.test", "127.0.0.1");
        int port = start(List.of(), true, Duration.ofSeconds(5));
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            client.command("EHLO mail.sender.test");
            client.startTls();
            client.command("EHLO client.test"); // RFC 3207 4.2: the session starts over

            assertThat(send(client)).startsWith("451 4.3.0");
        }

        Envelope envelope = seen.get();
        assertThat(envelope.helo()).isEqualTo("client.test");
        assertThat(envelope.tlsProtocol()).startsWith("TLSv1.");
        assertThat(envelope.tlsCipher()).startsWith("TLS_");
        assertThat(envelope.encrypted()).isTrue();
        assertThat(nameSeen.get()).contains("client.test");
        assertThat(envelope.trusted()).isFalse();
        assertThat(envelope.isAuthenticated()).isFalse();
        assertThat(envelope.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(envelope.recipients()).containsExactly("b@corp.example");
    }

    @Test
    void aNameThatDoesNotPointBackIsNoNameAndPlainTextHasNoTls() throws Exception {
        dns.ptr("127.0.0.1", "liar.test").a("liar.test", "192.0.2.1");
        int port = start(List.of("127.0.0.0/8"), true, Duration.ofSeconds(5));
        sendOne(port, "HELO old.sender.test");

        Envelope envelope = seen.get();
        assertThat(nameSeen.get()).isEmpty();
        assertThat(envelope.helo()).isEqualTo("old.sender.test");
        assertThat(envelope.tlsProtocol()).isNull();
        assertThat(envelope.tlsCipher()).isNull();
        assertThat(envelope.trusted()).isTrue();
    }

    @Test
    void noDnsQueryIsMadeWhenNoCheckAsksForTheClientName() throws Exception {
        dns.ptr("127.0.0.1", "client.test").a("client.test", "127.0.0.1");
        int port = start(List.of(), false, Duration.ofSeconds(5));
        sendOne(port, "EHLO client.test");

        assertThat(seen.get()).isNotNull();
        assertThat(dns.queryCount()).isZero();
    }

    @Test
    void aDnsServerThatNeverAnswersGivesNoNameWithinTheBound() throws Exception {
        dns.timeout("1.0.0.127.in-addr.arpa");
        int port = start(List.of(), true, Duration.ofMillis(300));
        sendOne(port, "EHLO client.test");

        assertThat(nameSeen.get()).isEmpty();
        assertThat(dns.queryCount()).isPositive();
    }

    @Test
    void severalMessagesInOneSessionShareOneLookup() throws Exception {
        dns.ttl(0).negativeTtl(0); // nothing cached by the resolver: only the session can save the second lookup
        dns.ptr("127.0.0.1", "client.test").a("client.test", "127.0.0.1");
        int port = start(List.of(), true, Duration.ofSeconds(5));
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            client.command("EHLO client.test");
            send(client);
            send(client);
        }

        assertThat(nameSeen.get()).contains("client.test");
        assertThat(dns.queryCount("1.0.0.127.in-addr.arpa", org.xbill.DNS.Type.PTR)).isEqualTo(1);
    }
}
