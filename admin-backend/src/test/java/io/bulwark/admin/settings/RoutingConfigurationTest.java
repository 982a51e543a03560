package io.bulwark.admin.settings;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.settings.ChangeRoutingSettingsCommand;
import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingConfigurationTest {
    private static final RoutingSettings START = new RoutingSettings(List.of("corp.example"), List.of("10.0.0.0/8"),
            "[10.0.0.5]:25", Map.of(), List.of());
    private static final RoutingSettings EDGE = new RoutingSettings(List.of("corp.example", "sub.corp.example"),
            List.of("10.0.0.0/8", "192.0.2.10"), null, Map.of("corp.example", "[mbx.corp.example]:2525"),
            List.of("corp.example"));

    private AggregateTestFixture<RoutingConfiguration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoutingConfiguration.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(new RoutingDefaults(START));
    }

    @Test
    void theFirstChangeRecordsThePropertiesAsWhatWasBefore() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRoutingSettingsCommand(EDGE, "alice"))
                .expectEvents(new RoutingSettingsChangedEvent(START, EDGE, "alice", fixture.currentTime()));
    }

    @Test
    void aLaterChangeRecordsTheLastChangeAsWhatWasBefore() {
        RoutingSettings mxOnly = new RoutingSettings(List.of("corp.example"), List.of(), null, Map.of(), List.of());
        fixture.given(new RoutingSettingsChangedEvent(START, EDGE, "alice", fixture.currentTime()))
                .when(new ChangeRoutingSettingsCommand(mxOnly, "bob"))
                .expectEvents(new RoutingSettingsChangedEvent(EDGE, mxOnly, "bob", fixture.currentTime()));
    }

    @Test
    void savingWhatIsInForceRecordsNothing() {
        fixture.given(new RoutingSettingsChangedEvent(START, EDGE, "alice", fixture.currentTime()))
                .when(new ChangeRoutingSettingsCommand(EDGE, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void savingThePropertiesForTheFirstTimeIsRecordedSoTheConsoleOwnsThemFromNowOn() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRoutingSettingsCommand(START, "alice"))
                .expectEvents(new RoutingSettingsChangedEvent(START, START, "alice", fixture.currentTime()));
    }

    @Test
    void aChangeWithProblemsIsRefusedWholeNamingEachProblem() {
        RoutingSettings bad = new RoutingSettings(List.of("corp example"), List.of("10.0.0.0/33"), "[relay",
                Map.of(), List.of());
        fixture.givenNoPriorActivity()
                .when(new ChangeRoutingSettingsCommand(bad, "alice"))
                .expectException(InvalidSettingsException.class)
                .expectExceptionMessage(allOf(containsString("relay domain 'corp example' is not a domain name"),
                        containsString("network '10.0.0.0/33'"), containsString("relayhost: missing ']'")))
                .expectNoEvents();
    }

    @Test
    void aChangeWithoutAnAdministratorIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRoutingSettingsCommand(EDGE, " "))
                .expectException(InvalidSettingsException.class)
                .expectNoEvents();
    }
}
