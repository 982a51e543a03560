package io.bulwark.admin.history.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.admin.history.ChainCodec;
import io.bulwark.admin.history.Checkpoint;
import io.bulwark.admin.history.HistoryExport;
import io.bulwark.admin.history.SealingKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The offline verifier of a history export (docs/history.md, "Verifying offline"): recomputes every
 * link from the exported events, compares it with the sealed link, checks each checkpoint's hash and
 * Ed25519 signature, and prints the same JSON as {@code GET /api/v1/history/verify} (plus what it
 * could check by digest only). Needs no store and no network. Reads an export as downloaded, or an
 * archived segment ({@code bulwark-history-<first>-<last>-<hash>.jsonl.gz}, the same format gzipped).
 *
 * <pre>
 * java -cp appliance/target/bulwark.jar -Dloader.main=io.bulwark.admin.history.offline.VerifyHistoryExport \
 *      org.springframework.boot.loader.launch.PropertiesLauncher export.jsonl [--trust-key hk-...]
 * </pre>
 *
 * <p>Exit status: 0 intact, 1 broken, 2 unreadable input or usage. {@code --trust-key} (a key id the
 * auditor pinned earlier) accepts only checkpoints signed by that key or by a key that a sealed
 * {@code SealingKeyActivatedEvent} introduced as the successor of a trusted one: an export whose keys
 * were all replaced then fails. Without it the verifier accepts the export's own keys and lists them.
 */
public final class VerifyHistoryExport {

    private static final String SEALING_KEY_EVENT = "io.bulwark.events.history.SealingKeyActivatedEvent";

    private VerifyHistoryExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--trust-key"))) {
            err.println("usage: VerifyHistoryExport <export.jsonl> [--trust-key <keyId>]");
            return 2;
        }
        try {
            ObjectNode result = verify(Path.of(args[0]), args.length == 3 ? args[2] : null);
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return result.get("intact").asBoolean() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("cannot verify " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    /** Verifies an export file. */
    public static ObjectNode verify(Path file, String trustedKeyId) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> keys = new HashMap<>();
        // With --trust-key: that key, and every key a sealed SealingKeyActivatedEvent introduced as the
        // successor of a trusted key (key changes are events, so they are chained like everything else).
        java.util.Set<String> trusted = new java.util.HashSet<>();
        if (trustedKeyId != null) {
            trusted.add(trustedKeyId);
        }
        ObjectNode result = mapper.createObjectNode();
        byte[] previous = null;
        long from = 0;
        long to = 0;
        long events = 0;
        long gaps = 0;
        long checkpoints = 0;
        long digestOnly = 0;
        long expected = 0;
        String lastLink = null;
        long lastIndex = 0;
        try (BufferedReader reader = open(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                String kind = node.path("kind").asText();
                switch (kind) {
                    case "header" -> {
                        if (!HistoryExport.FORMAT.equals(node.path("format").asText())) {
                            throw new IOException("not a " + HistoryExport.FORMAT + " export");
                        }
                        from = node.path("from").asLong();
                        to = node.path("to").asLong();
                        previous = ChainCodec.unhex(node.path("previousLink").asText());
                        expected = from;
                    }
                    case "key" -> keys.put(node.path("keyId").asText(), node.path("publicKey").asText());
                    case "event", "gap" -> {
                        if (previous == null) {
                            throw new IOException("no header before the first event");
                        }
                        long index = node.path("globalIndex").asLong();
                        String sealed = node.path("link").isNull() ? null : node.path("link").asText();
                        byte[] computed;
                        if (index != expected) {
                            return broken(result, from, to, events, gaps, checkpoints, expected, null, null,
                                    "index-missing-from-export");
                        }
                        if (kind.equals("gap")) {
                            computed = ChainCodec.gapLink(previous, index);
                        } else {
                            String payloadDigest = node.path("payloadSha256").asText();
                            if (node.hasNonNull("payloadJson")) {
                                if (!ChainCodec.hex(ChainCodec.sha256(node.get("payloadJson").asText()))
                                        .equals(payloadDigest)) {
                                    return broken(result, from, to, events, gaps, checkpoints, index, payloadDigest,
                                            ChainCodec.hex(ChainCodec.sha256(node.get("payloadJson").asText())),
                                            "payload-digest-mismatch");
                                }
                            } else {
                                digestOnly++;
                            }
                            String metaDigest = node.path("metaDataSha256").asText();
                            String metaData = node.path("metaDataJson").isNull() ? null
                                    : node.path("metaDataJson").asText();
                            if (!ChainCodec.hex(ChainCodec.sha256(metaData)).equals(metaDigest)) {
                                return broken(result, from, to, events, gaps, checkpoints, index, metaDigest,
                                        ChainCodec.hex(ChainCodec.sha256(metaData)), "metadata-digest-mismatch");
                            }
                            computed = ChainCodec.eventLink(previous, index, text(node, "eventId"),
                                    text(node, "type"), text(node, "revision"), text(node, "timestamp"),
                                    text(node, "aggregateId"),
                                    node.path("sequence").isNull() ? null : node.path("sequence").asLong(),
                                    ChainCodec.unhex(payloadDigest), ChainCodec.unhex(metaDigest));
                        }
                        String found = ChainCodec.hex(computed);
                        if (sealed == null) {
                            return broken(result, from, to, events, gaps, checkpoints, index, null, found,
                                    "link-missing");
                        }
                        if (!sealed.equals(found)) {
                            return broken(result, from, to, events, gaps, checkpoints, index, sealed, found,
                                    kind.equals("gap") ? "gap-altered" : "event-altered");
                        }
                        if (kind.equals("gap")) {
                            gaps++;
                        } else {
                            events++;
                        }
                        if (kind.equals("event") && SEALING_KEY_EVENT.equals(text(node, "type"))
                                && node.hasNonNull("payloadJson")) {
                            JsonNode key = mapper.readTree(node.get("payloadJson").asText());
                            if (trusted.contains(text(key, "previousKeyId"))) {
                                trusted.add(text(key, "keyId"));
                                keys.putIfAbsent(text(key, "keyId"), text(key, "publicKey"));
                            }
                        }
                        previous = computed;
                        lastLink = found;
                        lastIndex = index;
                        expected++;
                    }
                    case "checkpoint" -> {
                        Checkpoint checkpoint = new Checkpoint(node.path("index").asLong(), text(node, "hash"),
                                Instant.parse(text(node, "time")), text(node, "keyId"), text(node, "signature"));
                        String reason = null;
                        if (checkpoint.index() != lastIndex || !checkpoint.hash().equals(lastLink)) {
                            reason = "checkpoint-mismatch";
                        } else if (!keys.containsKey(checkpoint.keyId())
                                        || (trustedKeyId != null && !trusted.contains(checkpoint.keyId()))) {
                            reason = "checkpoint-key-unknown";
                        } else if (!SealingKeys.verify(keys.get(checkpoint.keyId()), checkpoint.statementBytes(),
                                checkpoint.signature())) {
                            reason = "checkpoint-signature-invalid";
                        }
                        if (reason != null) {
                            return broken(result, from, to, events, gaps, checkpoints, checkpoint.index(),
                                    checkpoint.hash(), lastLink, reason);
                        }
                        checkpoints++;
                    }
                    default -> throw new IOException("unknown line kind '" + kind + "'");
                }
            }
        }
        if (previous == null) {
            throw new IOException("no header: not a history export");
        }
        if (expected != to + 1) {
            return broken(result, from, to, events, gaps, checkpoints, expected, null, null,
                    "index-missing-from-export");
        }
        fill(result, true, from, to, events, gaps, checkpoints);
        result.putNull("brokenLink");
        result.put("payloadsCheckedByDigestOnly", digestOnly);
        result.putPOJO("keys", keys.keySet());
        return result;
    }

    /** Opens an export, or an archive file: the same format compressed with gzip (ADR 0029). */
    private static BufferedReader open(Path file) throws IOException {
        java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            in = new java.util.zip.GZIPInputStream(in, 65536);
        }
        return new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static ObjectNode broken(ObjectNode result, long from, long to, long events, long gaps, long checkpoints,
            long index, String expected, String found, String reason) {
        fill(result, false, from, to, events, gaps, checkpoints);
        ObjectNode broken = result.putObject("brokenLink");
        broken.put("globalIndex", index).put("expected", expected).put("found", found).put("reason", reason);
        return result;
    }

    private static void fill(ObjectNode result, boolean intact, long from, long to, long events, long gaps,
            long checkpoints) {
        result.put("intact", intact).put("from", from).put("to", to).put("events", events).put("gaps", gaps)
                .put("checkpoints", checkpoints);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
