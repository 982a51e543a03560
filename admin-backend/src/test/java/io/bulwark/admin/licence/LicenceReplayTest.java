package io.bulwark.admin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.licence.FindLicenceQuery;
import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceNoticeRaisedEvent;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.licence.LicenceView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The licence projection behind a real tracking processor, rebuilt from zero: identical document and answer. */
class LicenceReplayTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final String GROUP = LicenceProjection.PROCESSING_GROUP;

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("licence-replay", database -> Map.of(GROUP, new LicenceProjection(database)));
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    private static LicenceKeyFacts key(String number, LicenceType type, FunctionalityLevel level) {
        return new LicenceKeyFacts(number, "Example Ltd", "Bulwark", "mailboxes", 250, T0.minusSeconds(86_400),
                T0.plusSeconds(86_400 * 30L), type, 0, level, "0011223344556677", "sha-" + number);
    }

    @Test
    void rebuildingFromZeroGivesTheSameKeysDenyListAndNotices() {
        LicenceKeyFacts trial = key("BW-T1", LicenceType.TRIAL, FunctionalityLevel.FULL);
        LicenceKeyFacts commercial = key("BW-C1", LicenceType.COMMERCIAL, FunctionalityLevel.FULL);
        LicenceKeyFacts renewal = key("BW-C2", LicenceType.COMMERCIAL, FunctionalityLevel.ANTI_VIRUS);
        List<Object> events = List.of(
                new LicenceKeyInstalledEvent(LicenceSlot.ACTIVE, trial, null, LicenceIds.SOURCE_FILE, "admin", T0),
                new LicenceNoticeRaisedEvent(LicenceNotice.LICENCE_OK, "BW-T1", FunctionalityLevel.FULL,
                        LicenceType.TRIAL, 30, trial.expiry(), true, true, "ok", "admin", T0),
                new LicenceKeyInstalledEvent(LicenceSlot.ACTIVE, commercial, "BW-T1", LicenceIds.SOURCE_FILE, "admin",
                        T0.plusSeconds(60)),
                new LicenceKeyInstalledEvent(LicenceSlot.ADDITIONAL, renewal, null, LicenceIds.SOURCE_ACTIVATION_CODE,
                        "admin", T0.plusSeconds(120)),
                new LicenceNoticeRaisedEvent(LicenceNotice.EXPIRES_SOON, "BW-C1", FunctionalityLevel.FULL,
                        LicenceType.COMMERCIAL, 30, commercial.expiry(), true, true, "soon", "system",
                        T0.plusSeconds(180)),
                new LicenceKeyRemovedEvent(LicenceSlot.ACTIVE, commercial, "admin", T0.plusSeconds(240)),
                new LicenceKeyPromotedEvent(renewal, "BW-C1", "the active key was removed", "admin",
                        T0.plusSeconds(240)),
                new LicenceKeyBlockedEvent("BW-T1", "trial abuse", "admin", T0.plusSeconds(300)));
        for (int i = 0; i < events.size(); i++) {
            replay.axon().eventStore().publish(new GenericDomainEventMessage<>("Licence", LicenceIds.AGGREGATE_ID, i,
                    events.get(i)));
        }
        replay.awaitCaughtUp(GROUP);
        List<Document> documents = replay.documents(LicenceProjection.COLLECTION);
        LicenceView view = query();
        assertThat(view.active()).isEqualTo(renewal);
        assertThat(view.activeInstalledAt()).isEqualTo(T0.plusSeconds(240));
        assertThat(view.additional()).isNull();
        assertThat(view.blocked()).containsExactly("BW-T1");
        assertThat(view.keyEverInstalled()).isTrue();
        assertThat(view.notices()).extracting(LicenceView.Notice::notice)
                .containsExactly(LicenceNotice.EXPIRES_SOON, LicenceNotice.LICENCE_OK);

        replay.rebuild(List.of(GROUP), List.of(LicenceProjection.COLLECTION));
        assertThat(replay.documents(LicenceProjection.COLLECTION)).isEqualTo(documents);
        assertThat(query()).isEqualTo(view);
    }

    private LicenceView query() {
        return replay.axon().queryGateway().query(new FindLicenceQuery(), LicenceView.class).join();
    }
}
