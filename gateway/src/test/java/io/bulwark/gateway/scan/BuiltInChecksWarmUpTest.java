package io.bulwark.gateway.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.CheckRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up runs every built-in check on its sample without a failure (a failure there
 * would be one on mail too) and without asking the node's DNS.
 */
class BuiltInChecksWarmUpTest {
    @Test
    void everyBuiltInCheckRunsOnTheSampleWithoutFailingOrAskingDns() {
        List<Check> checks = BuiltInChecks.all("mx.corp.example", List.of());
        ScanServices services = ScanServices.builder()
                .add(ArchiveWalker.class, new StreamingArchiveWalker())
                .add(PublicSuffixList.class, PublicSuffixList.bundled())
                .add(TrustedNetworks.class, TrustedNetworks.of(List.of("127.0.0.0/8")))
                .perMessage(DnsLookup.class, () -> {
                    throw new AssertionError("the warm-up asked the node's DNS");
                })
                .build();
        try (CheckPipeline pipeline = new CheckPipeline(checks, SymbolRegistry.of(checks, Map.of()), Map.of(), services)) {
            List<CheckRun> runs = pipeline.warmUp(Duration.ofSeconds(120));

            assertThat(runs).extracting(r -> r.check().name())
                    .containsExactlyElementsOf(pipeline.checks().stream().map(Check::name).toList());
            assertThat(runs).filteredOn(r -> r.result().outcome() == CheckOutcomeKind.FAILED)
                    .extracting(r -> r.check().name() + ": " + r.result().reason()).isEmpty();
        }
    }
}
