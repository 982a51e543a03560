package io.bulwark.console.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.settings.RoutingSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each integration mode makes of the same answers. */
class SetupPlanTest {

    private static SetupPlan answered(IntegrationMode mode) {
        SetupPlan plan = new SetupPlan();
        plan.mode(mode);
        plan.text(SetupStep.RELAY_DOMAINS, "example.org, example.net");
        plan.text(SetupStep.TRANSPORT_MAP, "example.org [10.0.0.5]:25\nexample.net = [10.0.0.6]\n# comment");
        plan.text(SetupStep.RELAYHOST, "[192.0.2.10]:25");
        plan.text(SetupStep.MYNETWORKS, "10.0.0.0/8\n192.0.2.10");
        return plan;
    }

    @Test
    void directHasRelayDomainsWithVerificationAndMxRouting() {
        SetupPlan plan = answered(IntegrationMode.DIRECT);
        assertThat(plan.settings()).isEqualTo(new RoutingSettings(List.of("example.org", "example.net"),
                List.of("10.0.0.0/8", "192.0.2.10"), null,
                Map.of("example.org", "[10.0.0.5]:25", "example.net", "[10.0.0.6]"), List.of("example.org", "example.net")));
        assertThat(plan.problems(SetupStep.SUMMARY)).isEmpty();
    }

    @Test
    void withoutVerificationThereAreNoRelayDomains() {
        SetupPlan plan = answered(IntegrationMode.EDGE_WITHOUT_VERIFICATION);
        assertThat(plan.settings().relayDomains()).isEmpty();
        assertThat(plan.settings().verifyRecipients()).isEmpty();
        assertThat(plan.settings().relayhost()).isEqualTo("[192.0.2.10]:25");
        assertThat(plan.problems(SetupStep.SUMMARY)).isEmpty();
    }

    @Test
    void aSummaryNamesEveryProblemOfEveryStep() {
        SetupPlan plan = new SetupPlan();
        plan.mode(IntegrationMode.EDGE_WITH_VERIFICATION);
        plan.text(SetupStep.TRANSPORT_MAP, "example.org");
        assertThat(plan.problems(SetupStep.SUMMARY)).containsExactly(
                "Enter at least one relay domain",
                "transport map line 'example.org' is not 'domain next-hop'",
                "Enter the next hop of at least one domain",
                "Enter the edge gateway, e.g. [192.0.2.10]:25",
                "Enter at least one trusted network (your mail servers and the edge gateway)");
    }

    @Test
    void startsFromTheSettingsInForce() {
        RoutingSettings current = new RoutingSettings(List.of("example.org"), List.of("10.0.0.0/8"), "[192.0.2.1]",
                Map.of("example.org", "[10.0.0.5]"), List.of());
        SetupPlan plan = SetupPlan.from(current);
        assertThat(plan.text(SetupStep.TRANSPORT_MAP)).isEqualTo("example.org [10.0.0.5]");
        assertThat(plan.settings().relayhost()).isEqualTo("[192.0.2.1]");
    }
}
