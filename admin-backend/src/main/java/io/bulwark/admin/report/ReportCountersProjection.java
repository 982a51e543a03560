package io.bulwark.admin.report;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.bulwark.admin.report.internal.TopCounts;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The counters reports are built from (docs/reports.md, ADR 0027): one document per hour and gateway
 * node in {@value #COLLECTION}, {@code _id = "2026-12-05T07|node-1"}, with messages, bytes and
 * recipients, messages per module status and per final action, deliveries, bounces, SMTP refusals
 * per stage, and bounded top lists (senders, recipients, sender domains, threats; see
 * {@link TopCounts}). A report of any period reads the period's hour documents by {@code _id}
 * ({@link ReportCounters}); nothing ever scans the history.
 *
 * <p>Tracking processor {@value #PROCESSING_GROUP}, batched. Counters are not idempotent, so each
 * document remembers the global index of the last event it counted ({@code lastIndex}) and an event
 * at or below it is skipped: a batch redelivered after a failure counts once. The documents a batch
 * touches are kept in memory and written when the unit of work commits (one write per document
 * and batch instead of one per event). The reset handler empties both collections, so a replay
 * rebuilds the same documents. Single-threaded (the processor's thread).
 */
@Component
@ProcessingGroup(ReportCountersProjection.PROCESSING_GROUP)
public class ReportCountersProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "report-counters";
    /** Hour-and-node documents. */
    public static final String COLLECTION = "report_counters";
    /** One document per gateway node ever counted, so a reader can name the hour documents. */
    public static final String NODES_COLLECTION = "report_nodes";
    /** Capacity of each top list per hour and node. */
    public static final int TOP_CAPACITY = 200;
    /** The top lists kept per bucket. */
    public static final List<String> TOP_LISTS = List.of("senders", "recipients", "domains", "threats");

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    /** Modules whose findings are threats with a name. */
    private static final Set<ProtectionModule> THREAT_MODULES = EnumSet.of(ProtectionModule.ANTI_VIRUS,
            ProtectionModule.ANTI_PHISHING, ProtectionModule.EXTERNAL_SANDBOX);

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> nodes;
    private final Map<String, Document> pending = new LinkedHashMap<>();

    public ReportCountersProjection(MongoDatabase database) {
        this.counters = database.getCollection(COLLECTION);
        this.nodes = database.getCollection(NODES_COLLECTION);
    }

    /** The {@code _id} of an hour document. */
    public static String bucketId(Instant hour, String node) {
        return HOUR.format(hour) + "|" + node;
    }

    @EventHandler
    void on(MessageScannedEvent event, TrackingToken token) {
        MessageRef m = event.message();
        Document bucket = bucket(event.at(), m.nodeId(), token);
        if (bucket == null) {
            return;
        }
        increment(bucket, "messages", 1);
        increment(bucket, "bytes", m.sizeBytes());
        increment(bucket, "recipients", m.recipients().size());
        boolean detected = false;
        Map<String, TopCounts> tops = tops(bucket);
        for (ModuleVerdict v : event.report().verdicts()) {
            incrementIn(bucket, "statuses", v.module().name() + ":" + v.status().name());
            detected |= v.status().finding();
            if (v.status().finding() && THREAT_MODULES.contains(v.module())) {
                if (v.symbols().isEmpty()) {
                    tops.get("threats").add(v.status().name());
                }
                for (ScanSymbol s : v.symbols()) {
                    tops.get("threats").add(s.name());
                }
            }
        }
        increment(bucket, detected ? "detected" : "notDetected", 1);
        incrementIn(bucket, "actions", finalAction(event));
        String sender = m.sender() == null || m.sender().isEmpty() ? "<>" : m.sender().toLowerCase(Locale.ROOT);
        tops.get("senders").add(sender);
        int at = sender.lastIndexOf('@');
        tops.get("domains").add(at < 0 ? sender : sender.substring(at + 1));
        m.recipients().forEach(r -> tops.get("recipients").add(r.toLowerCase(Locale.ROOT)));
        TOP_LISTS.forEach(name -> bucket.put(topField(name), tops.get(name).toStored()));
    }

    @EventHandler
    void on(MessageDeliveredEvent event, TrackingToken token) {
        Document bucket = bucket(event.at(), event.message().nodeId(), token);
        if (bucket != null) {
            increment(bucket, "delivered", event.message().recipients().size());
        }
    }

    @EventHandler
    void on(MessageBouncedEvent event, TrackingToken token) {
        Document bucket = bucket(event.at(), event.message().nodeId(), token);
        if (bucket != null) {
            increment(bucket, "bounced", event.message().recipients().size());
        }
    }

    @EventHandler
    void on(MessageRejectedEvent event, TrackingToken token) {
        Document bucket = bucket(event.at(), event.message().nodeId(), token);
        if (bucket != null) {
            incrementIn(bucket, "smtpRejected", event.stage() == null ? "UNKNOWN" : event.stage());
        }
    }

    @ResetHandler
    void reset() {
        pending.clear();
        counters.deleteMany(new Document());
        nodes.deleteMany(new Document());
    }

    /**
     * The message's final action: REJECT when the DATA got a 5xx, else the strictest action applied
     * to any recipient group (SKIP when there was none).
     */
    static String finalAction(MessageScannedEvent event) {
        if (event.dataRejected()) {
            return Action.REJECT.name();
        }
        Action action = Action.SKIP;
        for (RecipientGroupDecision d : event.decisions()) {
            if (d.applied() != null) {
                action = Action.strictest(action, d.applied());
            }
        }
        return action.name();
    }

    /** The hour document to count into, or null when the event was already counted. */
    private Document bucket(Instant at, String nodeId, TrackingToken token) {
        String node = nodeId == null || nodeId.isBlank() ? "unknown" : nodeId;
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        String id = bucketId(hour, node);
        Document bucket = pending.get(id);
        if (bucket == null) {
            bucket = counters.find(Filters.eq("_id", id)).first();
            if (bucket == null) {
                bucket = new Document("_id", id).append("hour", Date.from(hour)).append("node", node)
                        .append("lastIndex", -1L);
                nodes.replaceOne(Filters.eq("_id", node), new Document("_id", node), new ReplaceOptions().upsert(true));
            }
            schedule(id, bucket);
        }
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        if (position.isPresent()) {
            if (position.getAsLong() <= bucket.get("lastIndex", Number.class).longValue()) {
                return null;
            }
            bucket.put("lastIndex", position.getAsLong());
        }
        return bucket;
    }

    /** Handlers always run in a unit of work (Axon starts one per batch); the write waits for its commit. */
    private void schedule(String id, Document bucket) {
        boolean first = pending.isEmpty();
        pending.put(id, bucket);
        if (first) {
            CurrentUnitOfWork.get().onPrepareCommit(u -> flush());
            CurrentUnitOfWork.get().onRollback(u -> pending.clear());
        }
    }

    private void flush() {
        pending.forEach((id, doc) -> counters.replaceOne(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true)));
        pending.clear();
    }

    private static Map<String, TopCounts> tops(Document bucket) {
        Map<String, TopCounts> tops = new LinkedHashMap<>();
        for (String name : TOP_LISTS) {
            tops.put(name, TopCounts.fromStored(TOP_CAPACITY, bucket.getString(topField(name))));
        }
        return tops;
    }

    /** The field of a top list in an hour document ({@code top_senders}, ...). */
    static String topField(String list) {
        return "top_" + list;
    }

    private static void increment(Document doc, String field, long by) {
        Number n = doc.get(field, Number.class);
        doc.put(field, (n == null ? 0L : n.longValue()) + by);
    }

    private static void incrementIn(Document doc, String map, String key) {
        Document inner = doc.get(map, Document.class);
        if (inner == null) {
            inner = new Document();
            doc.put(map, inner);
        }
        increment(inner, key, 1);
    }
}
