package io.bulwark.scan.senderauth.dkim.internal;

import io.bulwark.scan.message.HeaderField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the header field instances an {@code h=} list signs (RFC 6376 5.4.2): for a name listed
 * n times, the n bottom-most fields of that name, bottom first; a name listed more often than the
 * message has it signs nothing for the extra entries (a "nonexistent" field, which is how
 * over-signing stops additions). Stateless.
 */
public final class HeaderSelection {
    private HeaderSelection() {
    }

    /**
     * The header hash input of a DKIM-style signature (RFC 6376 3.7, RFC 8617 AMS): the fields
     * {@code names} selects, canonicalised with their line breaks, then the signature field itself
     * with its {@code b=} value already emptied, canonicalised without its line break.
     */
    public static byte[] hashInput(Canonicalization c, List<HeaderField> fields, List<String> names,
            String signatureFieldWithoutB) {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (HeaderField f : select(fields, names)) {
            c.header(f.raw().toString(java.nio.charset.StandardCharsets.ISO_8859_1), true, data);
        }
        c.header(signatureFieldWithoutB, false, data);
        return data.toByteArray();
    }

    /** The fields to hash, in {@code h=} order; names compare case-insensitively. */
    public static List<HeaderField> select(List<HeaderField> fields, List<String> names) {
        Map<String, Integer> used = new HashMap<>();
        List<HeaderField> selected = new ArrayList<>(names.size());
        for (String name : names) {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            int skip = used.merge(key, 1, Integer::sum) - 1;
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.get(i).name().equalsIgnoreCase(name) && skip-- == 0) {
                    selected.add(fields.get(i));
                    break;
                }
            }
        }
        return selected;
    }
}
