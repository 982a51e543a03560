package io.bulwark.console.antivirus;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.dom.Element;
import io.bulwark.admin.antivirus.AntivirusAdministration;
import io.bulwark.admin.antivirus.AntivirusUpdateCommandHandler;
import io.bulwark.events.antivirus.AntivirusDatabase;
import io.bulwark.events.antivirus.AntivirusNodeView;
import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import io.bulwark.events.antivirus.AntivirusUpdateResult;
import io.bulwark.events.antivirus.FindAntivirusDatabasesQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The anti-virus databases page without a browser: the real client, backend service and command
 * handler over Axon's buses; the read side answered by a fake as the projection would.
 */
class AntivirusPageTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final AntivirusNodeView FRESH = new AntivirusNodeView("gw-1", List.of(
            new AntivirusDatabase("daily.cvd", 27800, 2_100_000, Instant.parse("2026-12-05T07:00:00Z")),
            new AntivirusDatabase("main.cvd", 62, 3_300_000, Instant.parse("2025-09-16T00:00:00Z")),
            new AntivirusDatabase("local.hdb", 0, 3, null)), 5_400_003, Instant.parse("2026-12-05T07:00:00Z"),
            AntivirusUpdateResult.UPDATED, null, Instant.parse("2026-12-05T07:10:00Z"),
            Instant.parse("2026-12-05T07:10:00Z"), false, null, null);
    private static final AntivirusNodeView STALE = new AntivirusNodeView("gw-2", List.of(
            new AntivirusDatabase("daily.cvd", 27790, 2_099_000, Instant.parse("2026-11-26T10:00:00Z"))), 2_099_000,
            Instant.parse("2026-11-26T10:00:00Z"), AntivirusUpdateResult.FAILED,
            "daily.cvd: the digital signature does not verify", Instant.parse("2026-12-05T11:00:00Z"),
            Instant.parse("2026-11-26T10:30:00Z"), true, Instant.parse("2026-12-05T10:59:00Z"), "alice");

    /** The read side. */
    public static class FakeViews {
        @QueryHandler
        public List<AntivirusNodeView> nodes(FindAntivirusDatabasesQuery query) {
            return List.of(FRESH, STALE);
        }
    }

    private final List<EventMessage<?>> requests = Collections.synchronizedList(new ArrayList<>());
    private AntivirusClient client;

    @BeforeEach
    void setUp() {
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new FakeViews()).subscribe(queryBus);
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(requests::addAll);
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new AntivirusUpdateCommandHandler(eventBus)).subscribe(commandBus);
        client = new AntivirusClient(new AntivirusAdministration(
                DefaultCommandGateway.builder().commandBus(commandBus).build(),
                DefaultQueryGateway.builder().queryBus(queryBus).build()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private AntivirusPage page(String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(role.toLowerCase(), null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
        AntivirusPage page = new AntivirusPage(client, Clock.fixed(NOW, ZoneOffset.UTC));
        page.refresh();
        return page;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> T byId(Component root, String id) {
        return (T) elements(root.getElement()).filter(e -> id.equals(e.getAttribute("id")))
                .map(Element::getComponent).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(AntivirusPageTest::elements));
    }

    @Test
    void showsEachNodesVersionsRecordsAgeAndLastUpdate() {
        AntivirusPage page = page("AUDITOR");
        Grid<AntivirusNodeView> grid = byId(page, AntivirusPage.GRID_ID);
        assertThat(grid.getGenericDataView().getItems().toList()).containsExactly(FRESH, STALE);
        assertThat(AntivirusPage.versions(FRESH))
                .isEqualTo("daily.cvd 27800 (2100000), main.cvd 62 (3300000), local.hdb (3)");
        assertThat(AntivirusPage.age(FRESH, NOW)).isEqualTo("5 h (published 2026-12-05 07:00)");
        assertThat(AntivirusPage.age(STALE, NOW)).isEqualTo("9 d 2 h (published 2026-11-26 10:00), out of date");
        assertThat(AntivirusPage.lastUpdate(FRESH)).isEqualTo("updated at 2026-12-05 07:10");
        assertThat(AntivirusPage.lastUpdate(STALE))
                .isEqualTo("failed: daily.cvd: the digital signature does not verify at 2026-12-05 11:00");
    }

    @Test
    void anAuditorSeesNoUpdateButton() {
        AntivirusPage page = page("AUDITOR");
        assertThat(AntivirusPageTest.<Button>byId(page, AntivirusPage.UPDATE_ID).isVisible()).isFalse();
        assertThat(AntivirusPageTest.<Select<String>>byId(page, AntivirusPage.TARGET_ID).isVisible()).isFalse();
    }

    @Test
    void updateNowAsksTheChosenNodeOrEveryNode() {
        AntivirusPage page = page("ADMINISTRATOR");
        Select<String> target = byId(page, AntivirusPage.TARGET_ID);
        assertThat(target.getGenericDataView().getItems().toList()).containsExactly(AntivirusPage.ALL_NODES, "gw-1",
                "gw-2");
        Button update = byId(page, AntivirusPage.UPDATE_ID);
        update.click();
        target.setValue("gw-2");
        update.click();

        assertThat(requests).map(EventMessage::getPayload).map(AntivirusUpdateRequestedEvent.class::cast)
                .extracting(AntivirusUpdateRequestedEvent::nodeId, AntivirusUpdateRequestedEvent::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "administrator"),
                        org.assertj.core.groups.Tuple.tuple("gw-2", "administrator"));
        assertThat(AntivirusPageTest.<Span>byId(page, AntivirusPage.STATUS_ID).getText())
                .startsWith("Update requested for gw-2");
    }
}
