package io.bulwark.scan.senderauth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.CheckRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * SPF is evaluated once per message: the run takes the prefetch's verdict when it had the same
 * inputs and the same answers, with a result identical to evaluating again; a refused message's
 * prefetch is cancelled. Real pipeline, real jSPF, loopback DNS server.
 */
class SpfOnceTest {
    private static final Set<ProtectionModule> MODULES = EnumSet.of(ProtectionModule.SENDER_AUTHENTICATION);
    private static final Envelope ENVELOPE = new Envelope("alice@sender.example", List.of("bob@corp.example"),
            "192.0.2.10", "mx.sender.example");
    private static final MessageView MESSAGE = new MessageViewParser().parse(
            "From: alice@sender.example\r\nSubject: hi\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));

    private LoopbackDnsServer server;
    private SpfCheck spf;
    private CheckPipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer()
                .txt("sender.example", "v=spf1 include:_spf.sender.example -all")
                .txt("_spf.sender.example", "v=spf1 ip4:192.0.2.0/24 ~all")
                .txt("mx.sender.example", "v=spf1 a -all")
                .a("mx.sender.example", "192.0.2.10");
        spf = new SpfCheck("mx.bulwark.test");
        pipeline = pipeline(spf, 50);
    }

    private CheckPipeline pipeline(SpfCheck check, int budget) {
        DnsLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                .withTimeout(Duration.ofSeconds(20)));
        List<Check> checks = List.of(check);
        ScanServices services = ScanServices.builder()
                .add(TrustedNetworks.class, TrustedNetworks.none())
                .perMessage(DnsLookup.class, () -> dns.remembering().withBudget(budget))
                .build();
        return new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(), services);
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
        server.close();
    }

    private CheckRun spfRun(CheckPipeline p, CheckPipeline.Early early) {
        return p.scan(MESSAGE, ENVELOPE, MODULES, early).runs().stream()
                .filter(r -> r.check().name().equals("spf")).findFirst().orElseThrow();
    }

    @Test
    void theRunTakesThePrefetchsVerdictsAndReportsWhatAnEvaluationOfItsOwnWould() throws Exception {
        CheckPipeline.Early early = pipeline.prefetch(ENVELOPE, MODULES);
        early.awaitStarted();
        assertThat(spf.evaluations()).as("MAIL FROM and HELO, early").isEqualTo(2);

        CheckRun reused = spfRun(pipeline, early);
        assertThat(spf.evaluations()).as("no evaluation in the run").isEqualTo(2);

        SpfCheck alone = new SpfCheck("mx.bulwark.test");
        try (CheckPipeline without = pipeline(alone, 50)) {
            CheckRun evaluated = spfRun(without, null);
            assertThat(alone.evaluations()).isEqualTo(2);
            assertThat(reused.result()).isEqualTo(evaluated.result());
            assertThat(reused.symbols()).isEqualTo(evaluated.symbols());
        }
        assertThat(reused.result().symbols()).extracting(s -> s.name())
                .containsExactly(SpfCheck.SPF_PASS, "SPF_HELO_PASS");
    }

    @Test
    void aBudgetTooSmallForTheRecordGivesTheSamePermerrorAsAnEvaluationWould() throws Exception {
        // the prefetch asks without the budget; the run must still spend it question by question
        SpfCheck check = new SpfCheck("mx.bulwark.test");
        SpfCheck alone = new SpfCheck("mx.bulwark.test");
        try (CheckPipeline small = pipeline(check, 1); CheckPipeline without = pipeline(alone, 1)) {
            CheckPipeline.Early early = small.prefetch(ENVELOPE, MODULES);
            early.awaitStarted();
            CheckRun reused = spfRun(small, early);
            CheckRun evaluated = spfRun(without, null);
            assertThat(reused.result()).isEqualTo(evaluated.result());
            assertThat(reused.result().symbols().getFirst().name()).isEqualTo(SpfCheck.SPF_PERMERROR);
        }
    }

    @Test
    void aCancelledPrefetchStopsWaitingForItsAnswersAndTheRunStillJudges() {
        server.hold();
        CheckPipeline.Early early = pipeline.prefetch(ENVELOPE, MODULES);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.queryCount() >= 2);
        assertThat(early.outstanding()).isEqualTo(2);

        early.cancel();
        // the answers are still held back: only the cancellation can have ended the tasks
        await().atMost(Duration.ofSeconds(10)).until(() -> early.outstanding() == 0);
        assertThat(server.queryCount("sender.example", Type.TXT)).isEqualTo(1);

        server.release();
        assertThat(spfRun(pipeline, early).result().symbols()).extracting(s -> s.name())
                .containsExactly(SpfCheck.SPF_PASS, "SPF_HELO_PASS");
    }
}
