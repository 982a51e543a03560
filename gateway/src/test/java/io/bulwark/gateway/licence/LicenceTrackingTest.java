package io.bulwark.gateway.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.scan.licence.LicenceMode;
import io.bulwark.scan.licence.LicenceSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's licence follower on a real Axon configuration: a node starting after a key was
 * installed scans under it at once, and a key installed while the node runs (as the console does)
 * reaches the node without a restart.
 */
class LicenceTrackingTest {
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final List<Configuration> started = new ArrayList<>();
    private int sequence;

    @AfterEach
    void stop() {
        started.forEach(Configuration::shutdown);
    }

    private NodeLicence startNode() {
        NodeLicence licence = new NodeLicence(new LicenceSettings(false, 30), Clock.systemUTC());
        AtomicReference<EventStore> store = new AtomicReference<>();
        LicenceTracker tracker = new LicenceTracker(licence, store::get);
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(LicenceTracker.PROCESSING_GROUP, c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andInitialTrackingToken(tracker::startingPoint))
                        .registerTokenStore(LicenceTracker.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                        .registerEventHandler(c -> tracker))
                .buildConfiguration();
        store.set(configuration.eventStore());
        configuration.start();
        started.add(configuration);
        return licence;
    }

    private void install(String number, LicenceType type, FunctionalityLevel level, Instant start, Instant expiry) {
        LicenceKeyFacts key = new LicenceKeyFacts(number, "Example Corp", "Bulwark", "mailboxes", 100, start, expiry,
                type, 0, level, "authority-1", "00" + sequence);
        storage.appendEvents(new GenericDomainEventMessage<>("Licence", LicenceIds.AGGREGATE_ID, sequence++,
                new LicenceKeyInstalledEvent(LicenceSlot.ACTIVE, key, null, "file", "admin", Instant.now())));
    }

    @Test
    void aNodeLoadsTheKeyInForceThenFollowsANewOneWithoutARestart() {
        Instant now = Instant.now();
        install("BW-TRIAL-1", LicenceType.TRIAL, FunctionalityLevel.FULL, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));

        NodeLicence licence = startNode();
        await().atMost(Duration.ofSeconds(10)).until(() -> licence.status().mode() == LicenceMode.TRIAL);
        assertThat(licence.status().withheld()).isEmpty();

        install("BW-AV-1", LicenceType.COMMERCIAL, FunctionalityLevel.ANTI_VIRUS, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "BW-AV-1".equals(licence.status().licenceNumber()));
        assertThat(licence.status().mode()).isEqualTo(LicenceMode.COMMERCIAL);
        assertThat(licence.status().withheld()).containsKeys(io.bulwark.events.scan.ProtectionModule.ANTI_SPAM,
                io.bulwark.events.scan.ProtectionModule.ANTI_PHISHING);
    }
}
