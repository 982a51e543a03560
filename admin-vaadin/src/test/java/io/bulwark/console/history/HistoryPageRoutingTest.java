package io.bulwark.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.settings.RoutingSettings;
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
}
