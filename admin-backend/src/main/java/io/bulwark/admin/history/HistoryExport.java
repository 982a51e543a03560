package io.bulwark.admin.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.admin.audit.PayloadMasking;
import io.bulwark.admin.history.HistoryStore.Head;
import io.bulwark.admin.history.HistoryStore.Link;
import io.bulwark.store.EventLog;
import io.bulwark.store.EventLog.StoredEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the sealed history of {@code from..to} as JSON Lines (format {@value #FORMAT}, one object a
 * line, docs/history.md "Export"): a header with the link before {@code from}, every history key
 * (public half, base64 DER and PEM), then in index order every event or gap with its sealed link,
 * each checkpoint right after the index it covers.
 *
 * <p>Events carry the exact payload and metadata text that was hashed, so the offline verifier can
 * recompute every digest. A payload with secrets ({@link PayloadMasking}) is exported masked, without
 * its exact text: its digest still seals it, and the verifier says how many it could check by
 * digest only. Stateless and thread-safe.
 */
public final class HistoryExport {
    public static final String FORMAT = "bulwark-history-export-v1";
    private static final int WINDOW = 1000;

    private final EventLog eventLog;
    private final HistoryStore store;
    private final SealingKeys keys;
    private final ObjectMapper mapper;

    public HistoryExport(EventLog eventLog, HistoryStore store, SealingKeys keys, ObjectMapper mapper) {
        this.eventLog = eventLog;
        this.store = store;
        this.keys = keys;
        this.mapper = mapper;
    }

    /** Writes indexes {@code from..to} (clamped to the sealed head); the stream is left open. */
    public void write(long from, Long to, OutputStream out) throws IOException {
        if (from < 1 || (to != null && to < from)) {
            throw new IllegalArgumentException("from must be 1 or more and to not below it");
        }
        Head head = store.head();
        long last = to == null ? head.index() : Math.min(to, head.index());
        String previous = from == 1 ? ChainCodec.hex(ChainCodec.GENESIS)
                : java.util.Optional.ofNullable(store.links(from - 1, from - 1).get(from - 1)).map(Link::hash)
                        .orElse(null);
        ObjectNode header = mapper.createObjectNode().put("kind", "header").put("format", FORMAT)
                .put("from", from).put("to", last).put("previousLink", previous);
        line(out, header);
        for (SealingKeys.PublicKeyInfo key : keys.all()) {
            line(out, mapper.createObjectNode().put("kind", "key").put("keyId", key.keyId())
                    .put("algorithm", SealingKeys.ALGORITHM).put("publicKey", key.publicKey())
                    .put("activatedAt", key.activatedAt().toString()).put("previousKeyId", key.previousKeyId())
                    .put("pem", key.pem()));
        }
        long cursor = from - 1;
        while (cursor < last) {
            List<StoredEvent> page = eventLog.readAfter(cursor, WINDOW);
            long windowEnd = Math.min(last, cursor + WINDOW);
            Map<Long, StoredEvent> byIndex = new HashMap<>();
            page.forEach(e -> byIndex.put(e.globalIndex(), e));
            Map<Long, Link> links = store.links(cursor + 1, windowEnd);
            Map<Long, Checkpoint> checkpoints = store.checkpoints(cursor + 1, windowEnd);
            for (long i = cursor + 1; i <= windowEnd; i++) {
                Link link = links.get(i);
                StoredEvent event = byIndex.get(i);
                if (event != null) {
                    line(out, event(event, link));
                } else {
                    line(out, mapper.createObjectNode().put("kind", "gap").put("globalIndex", i)
                            .put("link", link == null ? null : link.hash()));
                }
                Checkpoint checkpoint = checkpoints.get(i);
                if (checkpoint != null) {
                    line(out, mapper.createObjectNode().put("kind", "checkpoint").put("index", checkpoint.index())
                            .put("hash", checkpoint.hash()).put("time", checkpoint.time().toString())
                            .put("keyId", checkpoint.keyId()).put("signature", checkpoint.signature())
                            .put("statement", checkpoint.statement()));
                }
            }
            cursor = windowEnd;
        }
        out.flush();
    }

    private ObjectNode event(StoredEvent event, Link link) throws JsonProcessingException {
        ObjectNode node = mapper.createObjectNode().put("kind", "event").put("globalIndex", event.globalIndex())
                .put("eventId", event.eventId()).put("type", event.type()).put("revision", event.revision())
                .put("timestamp", event.timestamp()).put("aggregateId", event.aggregateId());
        if (event.sequence() == null) {
            node.putNull("sequence");
        } else {
            node.put("sequence", event.sequence());
        }
        node.put("payloadSha256", ChainCodec.hex(ChainCodec.sha256(event.payloadJson())))
                .put("metaDataSha256", ChainCodec.hex(ChainCodec.sha256(event.metaDataJson())))
                .put("metaDataJson", event.metaDataJson());
        if (event.payloadJson() != null) {
            JsonNode original = mapper.readTree(event.payloadJson());
            JsonNode masked = PayloadMasking.mask(event.type(), original.deepCopy());
            if (masked.equals(original)) {
                node.put("payloadJson", event.payloadJson());
            } else {
                node.set("maskedPayload", masked);
            }
        }
        node.put("link", link == null ? null : link.hash());
        return node;
    }

    private void line(OutputStream out, ObjectNode node) throws IOException {
        out.write(mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
