package io.bulwark.admin.settings;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.settings.ChangeDnsServerSettingsCommand;
import io.bulwark.events.settings.ChangeModuleSwitchesSettingsCommand;
import io.bulwark.events.settings.ChangeMtaSettingsCommand;
import io.bulwark.events.settings.ChangeTlsPolicySettingsCommand;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.DnsServerSettingsChangedEvent;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.MtaSettingsChangedEvent;
import io.bulwark.events.settings.TlsPolicySettings;
import io.bulwark.events.settings.TlsPolicySettingsChangedEvent;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsAreaTest {
    private static final TlsPolicySettings TLS_START = new TlsPolicySettings("may", false, "may", Map.of());
    private static final MtaSettings MTA_START = new MtaSettings(10_240_000, 1000, 100, 10, 300, 300, null);
    private static final DnsServerSettings DNS_START = new DnsServerSettings(List.of(), 10_000);
    private static final StartValues START = new StartValues(TLS_START, MTA_START, ModuleSwitches.allOn(), DNS_START);

    private AggregateTestFixture<SettingsArea> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SettingsArea.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(START);
    }

    @Test
    void theFirstTlsChangeRecordsThePropertiesAsWhatWasBefore() {
        TlsPolicySettings strict = new TlsPolicySettings("encrypt", true, "may", Map.of("partner.example", "verify"));
        fixture.givenNoPriorActivity()
                .when(new ChangeTlsPolicySettingsCommand(strict, "alice"))
                .expectEvents(new TlsPolicySettingsChangedEvent(TLS_START, strict, "alice", fixture.currentTime()));
    }

    @Test
    void aLaterMtaChangeRecordsTheLastChangeAsWhatWasBefore() {
        MtaSettings small = new MtaSettings(2048, 1000, 100, 10, 300, 300, null);
        MtaSettings smaller = new MtaSettings(1024, 50, 100, 10, 60, 60, "mx.corp.example");
        fixture.given(new MtaSettingsChangedEvent(MTA_START, small, "alice", fixture.currentTime()))
                .when(new ChangeMtaSettingsCommand(smaller, "bob"))
                .expectEvents(new MtaSettingsChangedEvent(small, smaller, "bob", fixture.currentTime()));
    }

    @Test
    void savingWhatIsInForceRecordsNothing() {
        ModuleSwitches noSpam = new ModuleSwitches(true, false, true, true, true);
        fixture.given(new ModuleSwitchesSettingsChangedEvent(ModuleSwitches.allOn(), noSpam, "alice",
                        fixture.currentTime()))
                .when(new ChangeModuleSwitchesSettingsCommand(noSpam, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void savingTheStartValuesForTheFirstTimeIsRecordedSoTheConsoleOwnsThemFromNowOn() {
        fixture.givenNoPriorActivity()
                .when(new ChangeDnsServerSettingsCommand(DNS_START, "alice"))
                .expectEvents(new DnsServerSettingsChangedEvent(DNS_START, DNS_START, "alice", fixture.currentTime()));
    }

    @Test
    void aChangeWithProblemsIsRefusedAsAWholeNamingEachOne() {
        fixture.givenNoPriorActivity()
                .when(new ChangeMtaSettingsCommand(new MtaSettings(10, 0, 100, 10, 300, 300, null), "alice"))
                .expectException(InvalidSettingsException.class)
                .expectExceptionMessage(allOf(containsString("maximum message size 10"),
                        containsString("maximum recipients 0")))
                .expectNoEvents();
    }

    @Test
    void aBadDnsServerIsRefused() {
        fixture.given(new DnsServerSettingsChangedEvent(DNS_START, new DnsServerSettings(List.of("192.0.2.53"), 2000),
                        "alice", fixture.currentTime()))
                .when(new ChangeDnsServerSettingsCommand(new DnsServerSettings(List.of("resolver.example"), 2000), "bob"))
                .expectException(InvalidSettingsException.class)
                .expectExceptionMessage(containsString("DNS server 'resolver.example'"))
                .expectNoEvents();
    }

    @Test
    void aChangeNeedsTheAdministratorWhoMakesIt() {
        fixture.givenNoPriorActivity()
                .when(new ChangeTlsPolicySettingsCommand(TLS_START, " "))
                .expectException(InvalidSettingsException.class)
                .expectNoEvents();
    }

    @Test
    void missingSettingsAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeTlsPolicySettingsCommand(null, "alice"))
                .expectException(InvalidSettingsException.class)
                .expectExceptionMessage("the TLS policy settings are missing")
                .expectNoEvents();
    }
}
