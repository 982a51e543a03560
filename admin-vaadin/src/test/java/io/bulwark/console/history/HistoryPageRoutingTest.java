package io.bulwark.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.RoutingSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryPageRoutingTest {

    @Test
    void theRoutingAtAMomentIsOneLineAndSaysWhenNoneWasRecorded() {
        assertThat(HistoryPage.routing(null)).contains("none recorded");
        assertThat(HistoryPage.routing(new RoutingSettings(List.of("corp.example"), List.of("192.0.2.0/24"), null,
                Map.of("sales.example", "[10.0.0.5]:25"), List.of("corp.example"))))
                .contains("relay domains corp.example").contains("mynetworks 192.0.2.0/24").contains("relayhost MX")
                .contains("sales.example");
    }

    @Test
    void theSettingsAreasAtAMomentAndTheirDifferencesAreOneRowEach() {
        MtaSettings before = new MtaSettings(10_240_000, 25, 100, 10, 300, 300, null);
        MtaSettings after = new MtaSettings(10_240_000, 40, 100, 10, 300, 300, null);
        Map<String, Object> areas = new java.util.LinkedHashMap<>();
        areas.put("tls-policy", null);
        areas.put("mta", after);
        areas.put("modules", null);
        areas.put("dns", new DnsServerSettings(List.of("192.0.2.53"), 3000));
        var at = new ConfigurationHistory.ConfigurationAt(Instant.EPOCH, List.of(), GlobalListsView.empty(), null, null,
                areas);
        assertThat(HistoryPage.settings(at)).extracting(HistoryPage.Line::what)
                .containsExactly("tls-policy", "mta", "modules", "dns");
        assertThat(HistoryPage.settings(at).get(0).value()).contains("none recorded");
        assertThat(HistoryPage.settings(at).get(1).value()).contains("maxRecipients=40");

        var diff = new ConfigurationHistory.ConfigurationDiff(Instant.EPOCH, Instant.EPOCH.plusSeconds(60), List.of(),
                List.of(), List.of(), false, List.of(), List.of(), List.of(), List.of(), false, false, null, null,
                List.of(new ConfigurationHistory.SettingsAreaChange("mta", before, after),
                        new ConfigurationHistory.SettingsAreaChange("modules", null, ModuleSwitches.allOn())));
        assertThat(HistoryPage.differences(diff)).extracting(HistoryPage.Line::what).containsExactly("mta", "modules");
        assertThat(HistoryPage.differences(diff).get(0).value()).contains("maxRecipients=25").contains("maxRecipients=40");
        assertThat(HistoryPage.differences(diff).get(1).value()).startsWith("none recorded → ");
        var none = new ConfigurationHistory.ConfigurationDiff(Instant.EPOCH, Instant.EPOCH, List.of(), List.of(),
                List.of(), false, List.of(), List.of(), List.of(), List.of(), false, false, null, null, List.of());
        assertThat(HistoryPage.differences(none)).extracting(HistoryPage.Line::what).containsExactly("nothing");
    }
}
