package io.bulwark.gateway.spool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes queue ids that are unique across nodes and sort by creation time, so a directory listing or
 * a log grep shows messages in arrival order.
 *
 * <p>An id is 128 bits in Crockford base32 (26 characters, digits and upper-case letters without
 * I, L, O, U: safe in file names, case-insensitive file systems and log searches): 48 bits of
 * milliseconds since the epoch, 16 bits of the SHA-256 of the node id, and a 64-bit counter that
 * starts at a random value. Within a node the counter alone makes ids distinct; across nodes the
 * node hash and the random start make a collision negligible even with equal clocks.
 *
 * <p>Thread-safe.
 */
public final class QueueIdGenerator {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final int nodeHash;
    private final AtomicLong counter;

    public QueueIdGenerator(String nodeId, Clock clock) {
        this.clock = clock;
        this.nodeHash = nodeHash(nodeId);
        this.counter = new AtomicLong(new SecureRandom().nextLong());
    }

    /** A new id. */
    public String next() {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | nodeHash;
        long low = counter.getAndIncrement();
        return encode(high, low);
    }

    /** Whether {@code text} has the shape of a queue id (used to ignore foreign files in the spool). */
    public static boolean isQueueId(String text) {
        if (text.length() != 26) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (new String(ALPHABET).indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String encode(long high, long low) {
        // 130 bits of output for 128 of input: two leading zero bits, then high and low big-endian.
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            int bitFromEnd = (25 - i) * 5;
            int value = 0;
            for (int b = 0; b < 5; b++) {
                int bit = bitFromEnd + b;
                int v;
                if (bit < 64) {
                    v = (int) ((low >>> bit) & 1);
                } else if (bit < 128) {
                    v = (int) ((high >>> (bit - 64)) & 1);
                } else {
                    v = 0;
                }
                value |= v << b;
            }
            out[i] = ALPHABET[value];
        }
        return new String(out);
    }

    private static int nodeHash(String nodeId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(nodeId.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
