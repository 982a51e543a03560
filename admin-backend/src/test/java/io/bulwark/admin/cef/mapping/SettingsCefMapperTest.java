package io.bulwark.admin.cef.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.RoutingSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsCefMapperTest {

    @Test
    void theDetailNamesEachChangedFieldWithOldAndNew() {
        assertThat(SettingsCefMapper.componentChange(new MtaSettings(10_240_000, 1000, 100, 10, 300, 300, null),
                new MtaSettings(2048, 1000, 100, 10, 300, 300, "mx.corp.example")))
                .isEqualTo("maxMessageSize 10240000 -> 2048; bannerHostname none -> mx.corp.example");
        assertThat(SettingsCefMapper.componentChange(ModuleSwitches.allOn(), ModuleSwitches.allOn()))
                .isEqualTo("saved unchanged");
    }

    @Test
    void theRoutingDetailIsTheSameAsBefore() {
        assertThat(SettingsCefMapper.routingChange(
                new RoutingSettings(List.of("corp.example"), List.of(), null, Map.of(), List.of()),
                new RoutingSettings(List.of("corp.example", "b.example"), List.of("10.0.0.0/8"), "[10.0.0.5]:25",
                        Map.of(), List.of())))
                .isEqualTo("relayDomains [corp.example] -> [corp.example, b.example]; mynetworks [] -> [10.0.0.0/8];"
                        + " relayhost none -> [10.0.0.5]:25");
    }
}
