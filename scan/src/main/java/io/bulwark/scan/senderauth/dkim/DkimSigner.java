package io.bulwark.scan.senderauth.dkim;

import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.internal.Canonicalization;
import io.bulwark.scan.senderauth.dkim.internal.DkimCrypto;
import io.bulwark.scan.senderauth.dkim.internal.HeaderSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs a message with DKIM (RFC 6376 5; {@code rsa-sha256}, and {@code ed25519-sha256} per
 * RFC 8463), producing the {@code DKIM-Signature} field to prepend. The gateway signs outgoing
 * mail after every change it makes, so the signature covers what is delivered.
 *
 * <p>Tags, in this order: {@code v=1; a; c; d; s; t;} {@code x} (when the key has an expiry),
 * {@code h; bh; b}. {@code h=} lists the key's signed header names that the message has, each as
 * many times as it occurs (RFC 6376 5.4.2 picks instances from the bottom up).
 *
 * <p>Over-signing: {@code From} is listed once more than it occurs. The extra entry signs a field
 * that does not exist (RFC 6376 5.4), so anyone who adds a second {@code From} later, hoping a
 * reader shows theirs, breaks the signature. Only {@code From} is over-signed: it is the field
 * DMARC aligns on and that readers trust, while over-signing fields that lists and forwarders
 * legitimately add or change ({@code Subject} tags, {@code Reply-To}) would break the
 * signature on ordinary forwarding without a matching gain.
 *
 * <p>Folding: the field is folded with CRLF and one space before a tag (or before a {@code :} of
 * {@code h=}, or inside {@code b=}) when a line would pass 78 characters; no trailing CRLF.
 *
 * <p>Stateless and thread-safe.
 */
public final class DkimSigner {
    private static final int LINE = 78;

    private DkimSigner() {
    }

    /**
     * The {@code DKIM-Signature} field for {@code message} (RFC 5322 octets, CRLF line breaks).
     *
     * @param message the message as it will be delivered, without the field returned
     * @param key     domain, selector, algorithm, key, header list, canonicalisation, expiry
     * @param now     the signing time ({@code t=})
     * @return the whole field, folded, without a trailing CRLF
     * @throws IllegalArgumentException when the message has no {@code From} field or the key's
     *                                  canonicalisation is not one of RFC 6376 3.4
     */
    public static String sign(byte[] message, SigningKey key, Instant now) {
        RawMessage raw = RawMessage.of(message);
        List<String> names = signedNames(raw.fields(), key.signedHeaders());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("v", "1");
        tags.put("a", key.algorithm());
        tags.put("c", key.canonicalization().toLowerCase(Locale.ROOT));
        tags.put("d", key.domain());
        tags.put("s", key.selector());
        long t = now.getEpochSecond();
        tags.put("t", Long.toString(t));
        if (key.expiry() != null) {
            tags.put("x", Long.toString(t + Math.max(1, key.expiry().toSeconds())));
        }
        tags.put("h", String.join(":", names));
        return sign(raw, key, tags, names);
    }

    /**
     * Signs with the tags given (all but {@code bh=} and {@code b=}, in order, {@code h=}
     * included as written; an {@code l=} limits the body hash) over the header instances
     * {@code names} selects. For tests that must reproduce a published example byte for byte, or
     * make signatures our public method never makes.
     */
    static String sign(RawMessage raw, SigningKey key, Map<String, String> tags, List<String> names) {
        String[] c = key.canonicalization().split("/", -1);
        Canonicalization header = Canonicalization.of(c[0].strip())
                .orElseThrow(() -> new IllegalArgumentException("unknown canonicalisation " + key.canonicalization()));
        Canonicalization body = c.length > 1 ? Canonicalization.of(c[1].strip())
                .orElseThrow(() -> new IllegalArgumentException("unknown canonicalisation " + key.canonicalization()))
                : Canonicalization.SIMPLE;
        if (c.length > 2) {
            throw new IllegalArgumentException("unknown canonicalisation " + key.canonicalization());
        }
        long length = tags.containsKey("l") ? Long.parseLong(tags.get("l")) : -1;
        byte[] bh = body.hashBody(raw.body(), length, DkimCrypto.sha256()).digest();

        Folder field = new Folder("DKIM-Signature:");
        tags.forEach(field::tag);
        field.tag("bh", Base64.getEncoder().encodeToString(bh));
        field.word("b=");
        String unsigned = field.toString();

        byte[] data = HeaderSelection.hashInput(header, raw.fields(), names, unsigned);
        byte[] b = DkimCrypto.sign(key.algorithm(), key.privateKey(), data);
        field.chunks(Base64.getEncoder().encodeToString(b));
        return field.toString();
    }

    /** The key's header names the message has, each once per occurrence, and From once more. */
    private static List<String> signedNames(List<HeaderField> fields, List<String> wanted) {
        List<String> names = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String name : wanted) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (seen.contains(lower)) {
                continue;
            }
            seen.add(lower);
            long count = fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).count();
            for (long i = 0; i < count; i++) {
                names.add(name);
            }
            if (lower.equals("from")) {
                if (count == 0) {
                    throw new IllegalArgumentException("the message has no From field to sign (RFC 6376 5.4)");
                }
                names.add(name);
            }
        }
        return names;
    }

    /** Builds a folded field: a line break and a space go before a word that would pass the line length. */
    private static final class Folder {
        private final StringBuilder text = new StringBuilder();
        private int lineLength;

        Folder(String start) {
            text.append(start);
            lineLength = start.length();
        }

        void tag(String name, String value) {
            // h= folds before a ':' between names; other values stay whole
            String[] parts = value.split("(?=:)");
            word(name + "=" + parts[0] + (parts.length == 1 ? ";" : ""));
            for (int i = 1; i < parts.length; i++) {
                glue(parts[i] + (i == parts.length - 1 ? ";" : ""));
            }
        }

        /** A word after a space (or a fold). */
        void word(String w) {
            if (lineLength + 1 + w.length() > LINE) {
                text.append("\r\n ");
                lineLength = 1;
            } else {
                text.append(' ');
                lineLength++;
            }
            text.append(w);
            lineLength += w.length();
        }

        /** A word glued to the previous one unless it must fold. */
        void glue(String w) {
            if (lineLength + w.length() > LINE) {
                text.append("\r\n ");
                lineLength = 1;
            }
            text.append(w);
            lineLength += w.length();
        }

        /** A base64 value after {@code b=}, broken across lines as needed. */
        void chunks(String value) {
            int pos = 0;
            while (pos < value.length()) {
                int room = LINE - lineLength;
                if (room <= 0) {
                    text.append("\r\n ");
                    lineLength = 1;
                    room = LINE - 1;
                }
                int end = Math.min(value.length(), pos + room);
                text.append(value, pos, end);
                lineLength += end - pos;
                pos = end;
            }
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
