package io.bulwark.admin.antivirus;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.antivirus.AntivirusDatabase;
import io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpToDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent;
import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import io.bulwark.events.antivirus.AntivirusUpdateResult;
import io.bulwark.events.antivirus.FindAntivirusDatabasesQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-node database view behind a real tracking processor: what recorded update events make of
 * it, and a rebuild from zero (token reset) that must come out identical.
 */
class AntivirusDatabasesReplayTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final AntivirusDatabase MAIN = new AntivirusDatabase("main.cvd", 62, 3_000_000, T0.minusSeconds(
            86_400L * 200));
    private static final AntivirusDatabase DAILY_1 = new AntivirusDatabase("daily.cvd", 27001, 2_000_000, T0);
    private static final AntivirusDatabase DAILY_2 = new AntivirusDatabase("daily.cvd", 27002, 2_000_100,
            T0.plusSeconds(3600));

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("antivirus-replay", database -> Map.of(
                AntivirusDatabasesProjection.PROCESSING_GROUP, new AntivirusDatabasesProjection(database)));
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    private static List<Object> recorded() {
        return List.of(
                new AntivirusDatabasesUpToDateEvent("gw-1", "https://mirror/", List.of(DAILY_1, MAIN), 5_000_000, T0,
                        T0, null, T0.plusSeconds(10)),
                new AntivirusDatabasesUpdatedEvent("gw-2", "https://mirror/", List.of(DAILY_1, MAIN),
                        List.of("daily.cvd", "main.cvd"), 5_000_000, T0, T0, null, T0.plusSeconds(20)),
                new AntivirusUpdateRequestedEvent("r-1", null, "alice", T0.plusSeconds(3000)),
                new AntivirusDatabasesUpdatedEvent("gw-1", "https://mirror/", List.of(DAILY_2, MAIN),
                        List.of("daily.cvd"), 5_000_100, T0.plusSeconds(3600), T0.plusSeconds(3600), "r-1",
                        T0.plusSeconds(3700)),
                new AntivirusDatabasesOutOfDateEvent("gw-2", List.of(DAILY_1, MAIN), 5_000_000, T0, 8, 7,
                        T0.plusSeconds(86_400L * 8)),
                new AntivirusUpdateRequestedEvent("r-2", "gw-2", "bob", T0.plusSeconds(86_400L * 8 + 10)),
                new AntivirusDatabaseUpdateFailedEvent("gw-2", "https://mirror/", "main.cvd: mirror unreachable",
                        List.of(DAILY_1, MAIN), 5_000_000, T0, "r-2", T0.plusSeconds(86_400L * 8 + 20)));
    }

    private List<AntivirusNodeView> answer() {
        return replay.axon().queryGateway().query(new FindAntivirusDatabasesQuery(),
                ResponseTypes.multipleInstancesOf(AntivirusNodeView.class)).join();
    }

    @Test
    void eachNodeShowsItsDatabasesLastResultAgeWarningAndRequestAndARebuildIsIdentical() {
        for (Object event : recorded()) {
            replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(event));
        }
        replay.awaitCaughtUp(AntivirusDatabasesProjection.PROCESSING_GROUP);
        List<AntivirusNodeView> nodes = answer();
        assertThat(nodes).containsExactly(
                new AntivirusNodeView("gw-1", List.of(DAILY_2, MAIN), 5_000_100, T0.plusSeconds(3600),
                        AntivirusUpdateResult.UPDATED, null, T0.plusSeconds(3700), T0.plusSeconds(3700), false,
                        T0.plusSeconds(3000), "alice"),
                new AntivirusNodeView("gw-2", List.of(DAILY_1, MAIN), 5_000_000, T0, AntivirusUpdateResult.FAILED,
                        "main.cvd: mirror unreachable", T0.plusSeconds(86_400L * 8 + 20), T0.plusSeconds(20), true,
                        T0.plusSeconds(86_400L * 8 + 10), "bob"));
        List<Document> documents = replay.documents(AntivirusDatabasesProjection.COLLECTION);

        replay.rebuild(List.of(AntivirusDatabasesProjection.PROCESSING_GROUP),
                List.of(AntivirusDatabasesProjection.COLLECTION));

        assertThat(replay.documents(AntivirusDatabasesProjection.COLLECTION)).isEqualTo(documents);
        assertThat(answer()).isEqualTo(nodes);
    }
}
