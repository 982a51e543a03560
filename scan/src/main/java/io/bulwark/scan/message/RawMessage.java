package io.bulwark.scan.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header fields and body of a message as raw octets, without MIME parsing: what signature
 * schemes need (DKIM, RFC 6376 3.7; ARC, RFC 8617). Unlike {@link MessageView#headers()}, which
 * holds the fields mime4j parsed (and none when the MIME structure could not be parsed), this
 * holds every line of the header section that has a field name, exactly as received.
 *
 * <p>Fields and body are windows on the caller's array (see {@link RawBytes}); each field's
 * {@link HeaderField#value()} is its raw value after the colon, unfolded and trimmed, not
 * decoded (RFC 2047 words stay as written). Immutable.
 *
 * @param fields the fields with a name, in order
 * @param body   every octet after the empty line ending the header section
 */
public record RawMessage(List<HeaderField> fields, RawBytes body) {

    public RawMessage {
        fields = List.copyOf(fields);
    }

    /** Splits a whole message; the windows share {@code raw}, which must not change afterwards. */
    public static RawMessage of(byte[] raw) {
        RawHeaderSection.Split split = RawHeaderSection.split(raw);
        return new RawMessage(fields(raw, split), RawBytes.of(raw, split.bodyStart(), raw.length - split.bodyStart()));
    }

    /**
     * The fields of a header section ({@link MessageView#rawHeader()}); the section is copied once
     * (it is small), the fields are windows on that copy.
     */
    public static List<HeaderField> fields(RawBytes headerSection) {
        byte[] copy = headerSection.copy();
        return fields(copy, RawHeaderSection.split(copy));
    }

    private static List<HeaderField> fields(byte[] raw, RawHeaderSection.Split split) {
        List<HeaderField> fields = new ArrayList<>(split.fields().size());
        for (RawHeaderSection.Field f : split.fields()) {
            if (f.name().isEmpty()) {
                continue;
            }
            RawBytes window = RawBytes.of(raw, f.offset(), f.length());
            String text = new String(raw, f.offset(), f.length(), StandardCharsets.ISO_8859_1);
            String value = text.substring(text.indexOf(':') + 1).replace("\r", "").replace("\n", "").strip();
            fields.add(new HeaderField(f.name(), value, window));
        }
        return fields;
    }
}
