package io.bulwark.admin.history;

import io.bulwark.store.EventLog.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical encoding of the history chain, byte for byte as docs/history.md describes it
 * ("The chain"). One home: the sealer, the verifier behind {@code /api/v1/history/verify} and the
 * offline verifier all hash through this class, so they cannot disagree on an encoding.
 *
 * <pre>
 * link(i) = SHA-256( "bulwark-chain-v1" 0x00 || link(i-1) || body(i) ),  link(0) = 32 zero bytes
 * body(i) of an event = 0x01 || u64(i) || str(eventId) || str(payloadType) || str(revision)
 *                       || str(timestamp) || str(aggregateId) || str(sequence as decimal)
 *                       || SHA-256(payloadJson) || SHA-256(metaDataJson)
 * body(i) of a gap    = 0x00 || u64(i)
 * u64(n)  = 8 bytes big-endian;  str(s) = u32 big-endian length || UTF-8 bytes, null = FF FF FF FF
 * SHA-256(null) = 32 zero bytes
 * </pre>
 *
 * <p>Payload and metadata enter by their digest so that an export may withhold a payload (secrets,
 * or personal data that was forgotten) and still be verified: the digest stands in for it.
 * Hand-written rather than RFC 8785 JSON canonicalisation because the text is already fixed by the
 * store (fields in stored order, compact), and a byte-exact, length-prefixed frame is easier to
 * reproduce in any language than a JSON canonicaliser. Stateless and thread-safe.
 */
public final class ChainCodec {
    /** The domain separation prefix of every link. */
    public static final byte[] PREFIX = "bulwark-chain-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** The link before index 1. */
    public static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    private ChainCodec() {
    }

    /** The link of a stored event. */
    public static byte[] eventLink(byte[] previous, StoredEvent event) {
        return eventLink(previous, event.globalIndex(), event.eventId(), event.type(), event.revision(),
                event.timestamp(), event.aggregateId(), event.sequence(), sha256(event.payloadJson()),
                sha256(event.metaDataJson()));
    }

    /** The link of an event given by its fields and the digests of its payload and metadata. */
    public static byte[] eventLink(byte[] previous, long globalIndex, String eventId, String type, String revision,
            String timestamp, String aggregateId, Long sequence, byte[] payloadSha256, byte[] metaDataSha256) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        body.write(1);
        u64(body, globalIndex);
        str(body, eventId);
        str(body, type);
        str(body, revision);
        str(body, timestamp);
        str(body, aggregateId);
        str(body, sequence == null ? null : Long.toString(sequence));
        body.writeBytes(payloadSha256);
        body.writeBytes(metaDataSha256);
        return link(previous, body.toByteArray());
    }

    /** The link of a global index that holds no event (recorded as a gap, never skipped). */
    public static byte[] gapLink(byte[] previous, long globalIndex) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(9);
        body.write(0);
        u64(body, globalIndex);
        return link(previous, body.toByteArray());
    }

    /** SHA-256 of the UTF-8 bytes of a text; 32 zero bytes for {@code null}. */
    public static byte[] sha256(String text) {
        if (text == null) {
            return new byte[32];
        }
        return digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    private static byte[] link(byte[] previous, byte[] body) {
        if (previous.length != 32) {
            throw new IllegalArgumentException("a link is 32 bytes");
        }
        MessageDigest digest = digest();
        digest.update(PREFIX);
        digest.update(previous);
        digest.update(body);
        return digest.digest();
    }

    private static void u64(ByteArrayOutputStream out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }

    private static void str(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
