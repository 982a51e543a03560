package io.bulwark.scan.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.stream.Field;

/**
 * Turns raw message bytes into the scanners' {@link MessageView}, with Apache James mime4j. Limits
 * (parts, depth, decoded bytes, header fields) and damage become {@link MessageView#problems()},
 * never exceptions: a message that cannot be parsed at all yields a view with one part holding
 * the raw bytes, so that content scanners still look at them, and a "corrupted" problem.
 * Stateless and thread-safe.
 */
public final class MessageViewParser {
    private final MimeLimits limits;

    public MessageViewParser(MimeLimits limits) {
        this.limits = limits;
    }

    public MessageViewParser() {
        this(MimeLimits.defaults());
    }

    /**
     * Parses a message. The view's raw octets are windows on {@code raw} (not copied): the caller
     * must not change the array afterwards.
     */
    public MessageView parse(byte[] raw) {
        RawHeaderSection.Split split = RawHeaderSection.split(raw);
        RawBytes rawHeader = RawBytes.of(raw, 0, split.headerEnd());
        RawBytes rawBody = RawBytes.of(raw, split.bodyStart(), raw.length - split.bodyStart());
        MimeTree tree;
        try {
            tree = MimeTree.parse(raw, limits);
        } catch (MimeTree.MimeTreeException e) {
            int keep = (int) Math.min(raw.length, limits.maxDecodedBytes());
            byte[] kept = java.util.Arrays.copyOf(raw, keep);
            return new MessageView(List.of(), List.of(new MessagePart("1", "application/octet-stream", null, null,
                    false, kept, keep < raw.length)), raw.length, List.of(e.getMessage()), rawHeader, rawBody);
        }
        List<String> problems = new ArrayList<>(tree.problems());
        List<HeaderField> headers = new ArrayList<>();
        Message message = tree.message();
        if (message.getHeader() != null) {
            List<RawHeaderSection.Field> rawFields = split.fields();
            int cursor = 0;
            for (Field f : message.getHeader().getFields()) {
                // mime4j drops lines it cannot take as fields, so pair by name in order rather than by index
                int match = cursor;
                while (match < rawFields.size() && !rawFields.get(match).name().equals(f.getName())) {
                    match++;
                }
                RawBytes rawField = RawBytes.EMPTY;
                if (match < rawFields.size()) {
                    RawHeaderSection.Field r = rawFields.get(match);
                    rawField = RawBytes.of(raw, r.offset(), r.length());
                    cursor = match + 1;
                }
                headers.add(new HeaderField(f.getName(), decodeWords(unfold(f.getBody())), rawField));
            }
        }
        List<MessagePart> parts = new ArrayList<>();
        long budget = limits.maxDecodedBytes();
        boolean sizeProblem = false;
        for (MimeTree.Leaf leaf : tree.leaves()) {
            Entity e = leaf.entity();
            byte[] content = new byte[0];
            boolean truncated = false;
            if (e.getBody() instanceof SingleBody body) {
                try (InputStream in = decoding(body.getInputStream(), e.getContentTransferEncoding())) {
                    long allowed = Math.max(0, budget);
                    content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, allowed));
                    if (in.read() >= 0) {
                        truncated = true;
                        if (!sizeProblem) {
                            problems.add("decoded size limit: more than " + limits.maxDecodedBytes()
                                    + " decoded bytes, from part " + leaf.path() + " on");
                            sizeProblem = true;
                        }
                    }
                } catch (IOException | RuntimeException ex) {
                    problems.add("corrupted: part " + leaf.path() + " cannot be decoded: "
                            + ex.getClass().getSimpleName());
                }
            }
            budget -= content.length;
            parts.add(MessagePart.adopting(leaf.path(), mimeType(e), e.getCharset(), filename(e), isAttachment(e),
                    content, truncated));
        }
        return new MessageView(headers, parts, raw.length, problems, rawHeader, rawBody);
    }

    private static InputStream decoding(InputStream raw, String transferEncoding) {
        String cte = transferEncoding == null ? "7bit" : transferEncoding.toLowerCase(Locale.ROOT).strip();
        return switch (cte) {
            case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default -> raw;
        };
    }

    static String mimeType(Entity e) {
        String type = e.getMimeType();
        return type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
    }

    /** The file name from Content-Disposition (RFC 2231 aware in mime4j), else the Content-Type name. */
    static String filename(Entity e) {
        String name = e.getFilename();
        if (name == null && e.getHeader() != null) {
            ContentTypeField ct = e.getHeader().getField("Content-Type", ContentTypeField.class);
            if (ct != null) {
                name = ct.getParameter("name");
            }
        }
        return name == null ? null : decodeWords(name);
    }

    private static boolean isAttachment(Entity e) {
        String disposition = e.getDispositionType();
        return "attachment".equalsIgnoreCase(disposition) || (filename(e) != null && !"inline".equalsIgnoreCase(disposition));
    }

    private static final java.util.regex.Pattern FOLD = java.util.regex.Pattern.compile("\r?\n[ \t]");

    private static String unfold(String value) {
        if (value == null) {
            return "";
        }
        // most fields are one line: no expression compiled and run for them (String.replaceAll
        // compiled one per field, issue 19's profile)
        return (value.indexOf('\n') < 0 ? value : FOLD.matcher(value).replaceAll(" ")).strip();
    }

    private static String decodeWords(String s) {
        try {
            return DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return s;
        }
    }
}
