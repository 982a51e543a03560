package io.bulwark.console.rule;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.admin.rule.GlobalLists;
import io.bulwark.admin.rule.RuleAdministration;
import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.admin.rule.RulePreviews;
import io.bulwark.admin.rule.RuleSet;
import io.bulwark.admin.rule.RulesProjection;
import io.bulwark.admin.rule.preview.PreviewInputsProjection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The real backend behind the console's rule pages, without Spring or a browser: the rule set and
 * global lists aggregates, the rules projection on a tracking processor and the backend service
 * over Axon's gateways, on an in-memory event store. Signs in a user of the given role through the
 * security context, as Vaadin's request handling would.
 */
final class RulesBackend implements AutoCloseable {

    private final Configuration axon;
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final MongoServer mongo = new MongoServer(new MemoryBackend());
    private final MongoClient mongoClient;
    final RulesClient client;

    RulesBackend() {
        RulesProjection projection = new RulesProjection();
        mongo.bind("127.0.0.1", 0);
        mongoClient = MongoClients.create("mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort());
        PreviewInputsProjection previewInputs = new PreviewInputsProjection(mongoClient.getDatabase("rules-backend"));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(RuleSet.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(GlobalLists.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(RulesProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection)
                        .registerTrackingEventProcessor(PreviewInputsProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> previewInputs))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
        client = new RulesClient(new RuleAdministration(axon.commandGateway(), axon.queryGateway(), axon.eventStore()),
                new RulePreviews(previewInputs, new ConfigurationHistory(axon.eventStore()), Clock.systemUTC()));
    }

    /**
     * Stores events as the gateway would (e.g. recorded scans for the impact preview) and waits until
     * the preview read model has counted them.
     */
    void record(Object... payloads) {
        for (Object p : payloads) {
            axon.eventStore().publish(org.axonframework.eventhandling.GenericEventMessage.asEventMessage(p));
        }
        long head = axon.eventStore().createHeadToken().position().orElseThrow();
        TrackingEventProcessor previews = axon.eventProcessingConfiguration()
                .eventProcessor(PreviewInputsProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> previews.processingStatus().values().stream()
                .anyMatch(s -> s.getCurrentPosition().orElse(-1) >= head));
    }

    static void signIn(String username, String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(username, null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    @Override
    public void close() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        mongoClient.close();
        mongo.shutdownNow();
    }

    /** The component with the id among the root's descendants (elements, so dialog footers too). */
    @SuppressWarnings("unchecked")
    static <T extends Component> T byId(Component root, String id) {
        return (T) find(root, id).orElseThrow(() -> new AssertionError("no element with id " + id));
    }

    static Optional<Component> find(Component root, String id) {
        return find(root.getElement(), id);
    }

    /** Also for elements that are not a component's, such as a dialog's footer. */
    static Optional<Component> find(Element root, String id) {
        return elements(root).filter(e -> id.equals(e.getAttribute("id")))
                .map(Element::getComponent).flatMap(Optional::stream).findFirst();
    }

    private static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(RulesBackend::elements));
    }
}
