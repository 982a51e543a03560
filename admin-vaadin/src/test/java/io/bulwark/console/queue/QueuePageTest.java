package io.bulwark.console.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import io.bulwark.admin.queue.QueueAdministration;
import io.bulwark.admin.queue.QueueCommandHandler;
import io.bulwark.events.queue.FindNodesQuery;
import io.bulwark.events.queue.FindQueueCountsQuery;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import io.bulwark.events.queue.TrafficDirection;
import java.time.Instant;
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
 * The queue page without a browser: the real client, backend service and command handler over
 * Axon's buses; the read side answered by a fake that records the queries.
 */
class QueuePageTest {
    private static final QueuedMessageView DEFERRED = new QueuedMessageView("Q1", "node-1", "DEFERRED",
            "m1@example.org", "alice@example.com", List.of("bob@corp.example"), 2048,
            Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T08:01:00Z"), 2,
            Instant.parse("2026-11-20T08:05:00Z"), "451 4.3.0 Try again later");
    private static final QueuedMessageView HELD = new QueuedMessageView("Q2", "node-2", "HOLD", null, "",
            List.of("carol@corp.example"), 100, Instant.parse("2026-11-20T08:02:00Z"),
            Instant.parse("2026-11-20T08:02:00Z"), 0, null, null);

    /** The read side, as the projections would answer. */
    public static class FakeViews {
        final List<FindQueuedMessagesQuery> queries = new ArrayList<>();

        @QueryHandler
        public List<QueuedMessageView> find(FindQueuedMessagesQuery query) {
            queries.add(query);
            return List.of(DEFERRED, HELD);
        }

        @QueryHandler
        public List<QueueCountsView> counts(FindQueueCountsQuery query) {
            return List.of(QueueCountsView.of("node-1", 0, 0, 1, 0), QueueCountsView.of("node-2", 0, 0, 0, 1));
        }

        @QueryHandler
        public List<NodeStatusView> nodes(FindNodesQuery query) {
            return List.of(new NodeStatusView("node-1", true, true, true, null, null, null),
                    new NodeStatusView("node-2", true, false, true, null, Instant.parse("2026-11-20T07:00:00Z"),
                            "admin"));
        }
    }

    private final FakeViews views = new FakeViews();
    private final List<EventMessage<?>> requests = Collections.synchronizedList(new ArrayList<>());
    private QueueClient client;

    @BeforeEach
    void setUp() {
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(views).subscribe(queryBus);
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(requests::addAll);
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new QueueCommandHandler(eventBus)).subscribe(commandBus);
        client = new QueueClient(new QueueAdministration(DefaultCommandGateway.builder().commandBus(commandBus).build(),
                DefaultQueryGateway.builder().queryBus(queryBus).build()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(role.toLowerCase(), null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    private QueuePage page(String role) {
        signIn(role);
        QueuePage page = new QueuePage(client);
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
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(QueuePageTest::elements));
    }

    private static Grid<QueuedMessageView> grid(QueuePage page) {
        return byId(page, QueuePage.GRID_ID);
    }

    private static String status(QueuePage page) {
        return QueuePageTest.<Span>byId(page, QueuePage.STATUS_ID).getText();
    }

    private List<Object> payloads() {
        return requests.stream().<Object>map(EventMessage::getPayload).toList();
    }

    @Test
    void showsTheQueueWithCountsAndNodes() {
        QueuePage page = page("AUDITOR");
        assertThat(grid(page).getGenericDataView().getItems().toList()).containsExactly(DEFERRED, HELD);
        assertThat(QueuePageTest.<Span>byId(page, QueuePage.COUNTS_ID).getText())
                .startsWith("2 queued (0 incoming, 0 active, 1 deferred, 1 hold)")
                .contains("node-2: 0 incoming, 0 active, 0 deferred, 1 hold");
        Grid<NodeStatusView> nodes = byId(page, QueuePage.NODES_GRID_ID);
        assertThat(nodes.getGenericDataView().getItems().map(NodeStatusView::nodeId).toList())
                .containsExactly("node-1", "node-2");
        assertThat(QueuePageTest.<Select<String>>byId(page, QueuePage.SCOPE_ID).getGenericDataView().getItems()
                .toList()).containsExactly(QueuePage.ALL_NODES, "node-1", "node-2");
    }

    @Test
    void sendsTheFiltersAndTheSortAsAQuery() {
        QueuePage page = page("AUDITOR");
        QueuePageTest.<Select<String>>byId(page, QueuePage.QUEUE_ID).setValue("HOLD");
        QueuePageTest.<TextField>byId(page, QueuePage.NODE_ID).setValue(" node-2 ");
        QueuePageTest.<TextField>byId(page, QueuePage.SENDER_ID).setValue("alice");
        QueuePageTest.<TextField>byId(page, QueuePage.RECIPIENT_ID).setValue("corp.example");
        QueuePageTest.<TextField>byId(page, QueuePage.MESSAGE_ID_ID).setValue("m1@");
        QueuePageTest.<Select<String>>byId(page, QueuePage.SORT_ID).setValue("-size");
        QueuePageTest.<Button>byId(page, QueuePage.REFRESH_ID).click();
        assertThat(views.queries.getLast()).isEqualTo(new FindQueuedMessagesQuery("HOLD", "node-2", "m1@", "alice",
                "corp.example", null, null, "-size", QueuePage.LIMIT));
    }

    @Test
    void anAuditorSeesNoActions() {
        QueuePage page = page("AUDITOR");
        for (String id : List.of(QueuePage.FORCE_ID, QueuePage.HOLD_ID, QueuePage.RELEASE_ID, QueuePage.DELETE_ID,
                QueuePage.FORCE_ALL_ID, QueuePage.DELETE_ALL_ID)) {
            assertThat(QueuePageTest.<Button>byId(page, id).isVisible()).as(id).isFalse();
        }
        assertThatRefused(() -> client.act(QueueAction.HOLD, List.of("Q1")));
    }

    @Test
    void helpDeskHoldsAndReleasesSelectedMessagesButCannotDelete() {
        QueuePage page = page("HELPDESK");
        assertThat(QueuePageTest.<Button>byId(page, QueuePage.DELETE_ID).isVisible()).isFalse();
        grid(page).select(DEFERRED);
        grid(page).select(HELD);
        QueuePageTest.<Button>byId(page, QueuePage.HOLD_ID).click();
        assertThat(status(page)).contains("Hold requested for 2 message(s)");
        assertThat(payloads()).singleElement().isInstanceOfSatisfying(QueueActionRequestedEvent.class, request -> {
            assertThat(request.action()).isEqualTo(QueueAction.HOLD);
            assertThat(request.queueIds()).containsExactly("Q1", "Q2");
            assertThat(request.actor()).isEqualTo("helpdesk");
        });
        assertThatRefused(() -> client.act(QueueAction.DELETE, List.of("Q1")));
        assertThatRefused(() -> client.switchTraffic(null, TrafficDirection.SENDING, false));
    }

    @Test
    void anActionWithoutSelectionSaysSo() {
        QueuePage page = page("ADMINISTRATOR");
        QueuePageTest.<Button>byId(page, QueuePage.FORCE_ID).click();
        assertThat(status(page)).isEqualTo("Select messages first.");
        assertThat(requests).isEmpty();
    }

    @Test
    void deleteAllOnOneNodeAsksFirst() {
        QueuePage page = page("ADMINISTRATOR");
        QueuePageTest.<Select<String>>byId(page, QueuePage.SCOPE_ID).setValue("node-2");
        Dialog dialog = page.deleteAllDialog();
        assertThat(dialog.getHeaderTitle()).isEqualTo("Delete every queued message on node-2?");
        assertThat(requests).isEmpty();
        ((Button) elements(dialog.getFooter().getElement())
                .filter(e -> QueuePage.CONFIRM_ID.equals(e.getAttribute("id")))
                .map(Element::getComponent).flatMap(Optional::stream).findFirst().orElseThrow()).click();
        assertThat(payloads()).singleElement().isInstanceOfSatisfying(QueueActionRequestedEvent.class, request -> {
            assertThat(request.action()).isEqualTo(QueueAction.DELETE);
            assertThat(request.all()).isTrue();
            assertThat(request.nodeId()).isEqualTo("node-2");
            assertThat(request.actor()).isEqualTo("administrator");
        });
        assertThat(status(page)).contains("Deletion requested for all messages on node-2");
    }

    @Test
    void anAdministratorStartsSendingOnEveryNode() {
        QueuePage page = page("ADMINISTRATOR");
        QueuePageTest.<Button>byId(page, QueuePage.SENDING_START_ID).click();
        assertThat(payloads()).singleElement().isInstanceOfSatisfying(NodeTrafficChangeRequestedEvent.class, r -> {
            assertThat(r.nodeId()).isNull();
            assertThat(r.direction()).isEqualTo(TrafficDirection.SENDING);
            assertThat(r.enabled()).isTrue();
            assertThat(r.actor()).isEqualTo("administrator");
        });
        assertThat(status(page)).contains("Start sending requested on All nodes");
    }

    private static void assertThatRefused(Runnable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call::run)
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
