package io.bulwark.admin.cef;

import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import io.bulwark.events.cef.ChangeCefExportSettingsCommand;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then for the CEF export's settings aggregate: every command path, refusals included. */
class CefExportTest {
    private AggregateTestFixture<CefExport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CefExport.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(new CefExportProperties(false, "udp://127.0.0.1:514", null, null));
    }

    private CefExportSettingsChangedEvent changed(boolean enabled, String target, String transport,
            String facility, boolean wasEnabled, String wasTarget, String wasFacility) {
        return new CefExportSettingsChangedEvent(enabled, target, transport, facility, wasEnabled, wasTarget,
                wasFacility, "admin", fixture.currentTime());
    }

    @Test
    void theFirstChangeRecordsThePropertiesAsThePreviousValues() {
        fixture.givenNoPriorActivity()
                .when(new ChangeCefExportSettingsCommand(true, "TCP://siem.example:514", "mail", "admin"))
                .expectEvents(changed(true, "tcp://siem.example:514", "tcp", "mail", false, "udp://127.0.0.1:514",
                        "local0"));
    }

    @Test
    void aLaterChangeRecordsTheRecordedValuesAsPrevious() {
        fixture.given(changed(true, "tcp://siem.example:514", "tcp", "mail", false, "", "local0"))
                .when(new ChangeCefExportSettingsCommand(true, "tls://[2001:db8::1]:6514", "16", "admin"))
                .expectEvents(changed(true, "tls://[2001:db8::1]:6514", "tls", "local0", true,
                        "tcp://siem.example:514", "mail"));
    }

    @Test
    void disablingKeepsTheTarget() {
        fixture.given(changed(true, "tcp://siem.example:514", "tcp", "mail", false, "", "local0"))
                .when(new ChangeCefExportSettingsCommand(false, "tcp://siem.example:514", "mail", "admin"))
                .expectEvents(changed(false, "tcp://siem.example:514", "tcp", "mail", true, "tcp://siem.example:514",
                        "mail"));
    }

    @Test
    void theSameValuesAgainRecordNothing() {
        fixture.given(changed(true, "tcp://siem.example:514", "tcp", "mail", false, "", "local0"))
                .when(new ChangeCefExportSettingsCommand(true, "tcp://siem.example:514", "mail", "admin"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void enablingWithoutATargetIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeCefExportSettingsCommand(true, "", "local0", "admin"))
                .expectException(InvalidCefSettingsException.class).expectNoEvents();
    }

    @Test
    void aTargetOutsideTheContractIsRefused() {
        for (String target : new String[] {"siem.example:514", "http://siem.example:514", "tcp://siem.example",
                "tcp://siem.example:99999", "tcp://siem.example:514/path"}) {
            fixture.givenNoPriorActivity()
                    .when(new ChangeCefExportSettingsCommand(true, target, "local0", "admin"))
                    .expectException(InvalidCefSettingsException.class).expectNoEvents();
        }
    }

    @Test
    void anUnknownFacilityIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeCefExportSettingsCommand(true, "udp://siem.example:514", "local9", "admin"))
                .expectException(InvalidCefSettingsException.class).expectNoEvents();
    }

    @Test
    void aChangeWithoutActorIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeCefExportSettingsCommand(false, "", "local0", " "))
                .expectException(InvalidCefSettingsException.class).expectNoEvents();
    }
}
