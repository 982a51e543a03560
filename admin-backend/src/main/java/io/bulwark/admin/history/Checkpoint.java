package io.bulwark.admin.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed checkpoint: the chain's link at {@code index}, signed with a history key at
 * {@code time}. What is signed is {@link #statement()}, a short text an auditor can rebuild from
 * the fields and check with {@code openssl pkeyutl -verify} (docs/history.md).
 *
 * @param index     the global index the checkpoint covers up to (inclusive)
 * @param hash      the chain link at {@code index}, lower-case hex
 * @param time      when it was signed (ISO-8601 text in the statement)
 * @param keyId     the signing key ({@link SealingKeys})
 * @param signature the Ed25519 signature of the statement, base64
 */
public record Checkpoint(long index, String hash, Instant time, String keyId, String signature) {

    /** The first line of every statement. */
    public static final String FORMAT = "bulwark-history-checkpoint-v1";

    /** The signed text: five lines, each ended by a line feed, US-ASCII. */
    public String statement() {
        return statement(index, hash, time, keyId);
    }

    public static String statement(long index, String hash, Instant time, String keyId) {
        return FORMAT + "\nindex=" + index + "\nhash=" + hash + "\ntime=" + time + "\nkey=" + keyId + "\n";
    }

    public byte[] statementBytes() {
        return statement().getBytes(StandardCharsets.US_ASCII);
    }
}
