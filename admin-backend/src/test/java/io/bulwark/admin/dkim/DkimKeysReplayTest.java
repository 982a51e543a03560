package io.bulwark.admin.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.dkim.DkimKeyView;
import io.bulwark.events.dkim.FindDkimKeysQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DKIM key list behind a real tracking processor, rebuilt from zero: identical documents and answers. */
class DkimKeysReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final String GROUP = DkimKeysProjection.PROCESSING_GROUP;

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("dkim-replay", database -> Map.of(GROUP, new DkimKeysProjection(database)));
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    private static DkimKeyCreatedEvent created(String id, String domain, String selector, Instant at) {
        return new DkimKeyCreatedEvent(id, domain, selector, "rsa-2048", "GENERATED", "v=DKIM1; k=rsa; p=" + id,
                List.of(), null, null, "admin", at);
    }

    @Test
    void rebuildingFromZeroGivesIdenticalResultsAndTheNewestKeyOfEachDomainIsActive() {
        List<Object> events = List.of(
                created("k1", "a.example", "s1", T0),
                created("k2", "b.example", "s1", T0.plusSeconds(1)),
                created("k3", "a.example", "s2", T0.plusSeconds(2)),
                created("k4", "b.example", "s2", T0.plusSeconds(3)),
                new DkimKeyDeletedEvent("k4", "b.example", "s2", "admin", T0.plusSeconds(4)));
        for (int i = 0; i < events.size(); i++) {
            replay.axon().eventStore().publish(new GenericDomainEventMessage<>("DkimSigningKeys", "dkim-keys", i,
                    events.get(i)));
        }
        replay.awaitCaughtUp(GROUP);
        List<Document> documents = replay.documents(DkimKeysProjection.COLLECTION);
        List<DkimKeyView> rows = query();
        assertThat(rows).extracting(DkimKeyView::id).containsExactly("k3", "k1", "k2");
        assertThat(rows).extracting(DkimKeyView::active).containsExactly(true, false, true);
        assertThat(rows.getFirst().dnsName()).isEqualTo("s2._domainkey.a.example");

        replay.rebuild(List.of(GROUP), List.of(DkimKeysProjection.COLLECTION));
        assertThat(replay.documents(DkimKeysProjection.COLLECTION)).isEqualTo(documents);
        assertThat(query()).isEqualTo(rows);
    }

    private List<DkimKeyView> query() {
        return replay.axon().queryGateway().query(new FindDkimKeysQuery(),
                ResponseTypes.multipleInstancesOf(DkimKeyView.class)).join();
    }
}
