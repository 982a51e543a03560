package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.PartRemoval;
import io.bulwark.scan.headers.HeaderStamp;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.scan.message.MimeTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.BodyPart;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Carries out a {@link Disposition} on the message bytes: replaces removed parts with a text
 * notice, puts subject tags in front of the subject, adds the status X-headers. Pure functions on
 * byte arrays; thread-safe.
 *
 * <p>Byte-identity: header changes are spliced into the original bytes, so every other byte of the
 * message stays as received (which keeps DKIM body hashes valid when only headers change). Part
 * removal rewrites the MIME tree with mime4j, whose bodies are kept encoded and whose header fields
 * keep their raw bytes, so untouched parts come out unchanged; only the replaced part is new.
 *
 * <p>Incoming headers with the names of the status X-headers are removed before ours are added, so
 * a sender cannot forge "X-Bulwark-AntiVirus: CLEAN".
 */
public final class MessageTransformer {
    /**
     * Writes bodies exactly as they are stored. The tree was parsed without content decoding, so
     * mime4j's default writer would encode the already encoded bodies a second time.
     */
    private static final DefaultMessageWriter RAW_WRITER = new DefaultMessageWriter() {
        @Override
        protected java.io.OutputStream encodeStream(java.io.OutputStream out, String encoding, boolean binaryBody) {
            return out;
        }
    };

    private final RemovalNoticeTemplate template;
    private final MimeLimits limits;

    public MessageTransformer(RemovalNoticeTemplate template, MimeLimits limits) {
        this.template = template;
        this.limits = limits;
    }

    public MessageTransformer() {
        this(RemovalNoticeTemplate.defaults(), MimeLimits.defaults());
    }

    /** The message as it is delivered under the disposition. */
    public byte[] apply(byte[] raw, Disposition disposition) {
        byte[] out = raw;
        if (!disposition.partsToRemove().isEmpty()) {
            out = replaceParts(out, disposition.partsToRemove());
        }
        if (!disposition.subjectTags().isEmpty()) {
            out = addSubjectTags(out, disposition.subjectTags());
        }
        if (!disposition.headers().isEmpty()) {
            out = addHeaders(out, disposition.headers());
        }
        return out;
    }

    /**
     * Replaces each listed part with a text/plain notice from the template. Parts that do not exist
     * are ignored (the verdict and the message come from the same bytes, so they always exist).
     */
    public byte[] replaceParts(byte[] raw, List<PartRemoval> removals) {
        MimeTree tree = MimeTree.parse(raw, limits);
        boolean changed = false;
        for (PartRemoval removal : removals) {
            for (MimeTree.Leaf leaf : tree.leaves()) {
                if (leaf.path().equals(removal.path())) {
                    replace(leaf.entity(), removal);
                    changed = true;
                }
            }
        }
        if (!changed) {
            return raw;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
            RAW_WRITER.writeMessage(tree.message(), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replace(Entity leaf, PartRemoval removal) {
        String filename = filenameOf(leaf);
        String notice = template.render(filename, removal.reason(), removal.path());
        // an attached message with a single-part body is replaced as a whole
        Entity target = leaf instanceof Message && leaf.getParent() != null ? leaf.getParent() : leaf;
        BodyPart replacement;
        try {
            // the writer below copies bodies as they are, so the notice goes in already encoded
            boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(notice);
            String body = notice;
            if (!ascii) {
                ByteArrayOutputStream qp = new ByteArrayOutputStream();
                try (QuotedPrintableOutputStream enc = new QuotedPrintableOutputStream(qp, false)) {
                    enc.write(notice.getBytes(StandardCharsets.UTF_8));
                }
                body = qp.toString(StandardCharsets.US_ASCII);
            }
            replacement = BodyPartBuilder.create()
                    .setBody(body, "plain", StandardCharsets.UTF_8)
                    .setContentTransferEncoding(ascii ? "7bit" : "quoted-printable")
                    .setContentDisposition("attachment", noticeName(filename, removal.path()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Entity parent = target.getParent();
        if (parent != null && parent.getBody() instanceof Multipart multipart) {
            int index = indexOf(multipart, target);
            multipart.replaceBodyPart(replacement, index);
        } else {
            // the body of a single-part message: swap the body and its content fields
            target.getHeader().removeFields("Content-Type");
            target.getHeader().removeFields("Content-Transfer-Encoding");
            target.getHeader().removeFields("Content-Disposition");
            for (var field : replacement.getHeader().getFields()) {
                target.getHeader().addField(field);
            }
            target.removeBody();
            target.setBody(replacement.removeBody());
        }
    }

    private static int indexOf(Multipart multipart, Entity child) {
        List<Entity> parts = multipart.getBodyParts();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) == child) {
                return i;
            }
        }
        throw new IllegalStateException("part not found in its parent");
    }

    private static String filenameOf(Entity e) {
        String name = e.getFilename();
        return name == null ? null : DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
    }

    private static String noticeName(String filename, String path) {
        String base = filename == null || filename.isBlank() ? "part-" + path : filename;
        return base.replaceAll("[\\p{Cntrl}\"\\\\/]", "_") + ".removed.txt";
    }

    /**
     * Puts the tags in front of the Subject (decoding RFC 2047 encoded words first and encoding
     * again only if needed); tags the subject already starts with are not repeated. A message
     * without Subject gets one made of the tags.
     */
    public static byte[] addSubjectTags(byte[] raw, List<String> tags) {
        Headers h = Headers.of(raw);
        Headers.Field subject = h.fields.stream().filter(f -> f.name().equalsIgnoreCase("Subject")).findFirst()
                .orElse(null);
        String current = subject == null ? "" : DecoderUtil.decodeEncodedWords(
                MimeUtil.unfold(subject.value(raw)).strip(), DecodeMonitor.SILENT);
        StringBuilder prefix = new StringBuilder();
        for (String tag : tags) {
            String t = tag.strip();
            if (!t.isEmpty() && !current.startsWith(t) && prefix.indexOf(t) < 0) {
                prefix.append(t).append(' ');
            }
        }
        if (prefix.isEmpty()) {
            return raw;
        }
        String text = (prefix + current).strip();
        String encoded = EncoderUtil.encodeIfNecessary(text, EncoderUtil.Usage.TEXT_TOKEN, "Subject: ".length());
        String line = MimeUtil.fold("Subject: " + encoded, 0).replace("\r\n", h.eol) + h.eol;
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return subject == null ? h.insertAtEnd(raw, bytes) : h.replace(raw, subject, bytes);
    }

    /**
     * Adds header fields at the top of the header (where trace fields go), after removing any
     * incoming field with one of the same names.
     */
    public static byte[] addHeaders(byte[] raw, List<HeaderField> fields) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        fields.forEach(f -> names.add(f.name()));
        Headers h = Headers.of(raw);
        return leadWithout(lines(fields, h.eol), raw, h.fields.stream().filter(f -> names.contains(f.name())).toList());
    }

    /**
     * Carries out the header stage's stamp ({@link HeaderStamp}): drops the incoming fields it
     * names (forged {@code Authentication-Results} with our authserv-id, our rating header), then
     * adds its fields at the top of the header. Without anything to drop or add the bytes are
     * returned as they are.
     */
    public static byte[] stamp(byte[] raw, HeaderStamp stamp) {
        Headers h = Headers.of(raw);
        List<Headers.Field> dropped = h.fields.stream().filter(f -> stamp.removes(f.name(), f.value(raw))).toList();
        if (dropped.isEmpty() && stamp.add().isEmpty()) {
            return raw;
        }
        return leadWithout(fields(stamp, h.eol), raw, dropped);
    }

    /**
     * {@code lead}, then {@code raw} without the {@code dropped} fields (in header order), in one
     * array of the exact size: a growing buffer and its final copy had made two more copies of
     * every changed message, each of a large one a "humongous" object for the collector.
     */
    private static byte[] leadWithout(byte[] lead, byte[] raw, List<Headers.Field> dropped) {
        int size = lead.length + raw.length;
        for (Headers.Field f : dropped) {
            size -= f.end() - f.start();
        }
        byte[] out = Arrays.copyOf(lead, size);
        int at = lead.length;
        int pos = 0;
        for (Headers.Field f : dropped) {
            System.arraycopy(raw, pos, out, at, f.start() - pos);
            at += f.start() - pos;
            pos = f.end();
        }
        System.arraycopy(raw, pos, out, at, raw.length - pos);
        return out;
    }

    /**
     * What the disposition and the stamp do to {@code raw}, as header lines to put in front of it,
     * when that is all they do: no part removed, no subject tagged, no incoming field replaced or
     * dropped. Null when the message itself must change (then {@link #apply} and {@link #stamp}
     * give the copy); an empty array when nothing is added. Lets the intake deliver "these lines,
     * then the spooled original" without a second copy of the message in memory or on disk.
     */
    public static byte[] headerPrefix(byte[] raw, Disposition disposition, HeaderStamp stamp) {
        if (!disposition.partsToRemove().isEmpty() || !disposition.subjectTags().isEmpty()) {
            return null;
        }
        Headers h = Headers.of(raw);
        Set<String> added = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        disposition.headers().forEach(f -> added.add(f.name()));
        if (h.fields.stream().anyMatch(f -> added.contains(f.name()) || stamp.removes(f.name(), f.value(raw)))) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(fields(stamp, h.eol));
        out.writeBytes(lines(disposition.headers(), h.eol));
        return out.toByteArray();
    }

    private static byte[] fields(HeaderStamp stamp, String eol) {
        return lines(stamp.add(), eol);
    }

    /** Header fields as lines, each value on one line (CR/LF in a value would start a new field). */
    private static byte[] lines(List<HeaderField> fields, String eol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (HeaderField f : fields) {
            String value = f.value().replaceAll("[\\r\\n]+", " ");
            out.writeBytes((f.name() + ": " + value + eol).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The header block of a message, split into fields (with their folded continuation lines). */
    private static final class Headers {
        final List<Field> fields;
        final int end;
        final String eol;

        record Field(String name, int start, int end, int valueStart) {
            String value(byte[] raw) {
                return new String(raw, valueStart, end - valueStart, StandardCharsets.UTF_8);
            }
        }

        private Headers(List<Field> fields, int end, String eol) {
            this.fields = fields;
            this.end = end;
            this.eol = eol;
        }

        static Headers of(byte[] raw) {
            List<Field> fields = new ArrayList<>();
            int pos = 0;
            String eol = null;
            Field open = null;
            int openStart = 0;
            String openName = null;
            int openValue = 0;
            while (pos < raw.length) {
                int lineEnd = pos;
                while (lineEnd < raw.length && raw[lineEnd] != '\n') {
                    lineEnd++;
                }
                int next = Math.min(lineEnd + 1, raw.length);
                boolean crlf = lineEnd > pos && raw[lineEnd - 1] == '\r';
                if (eol == null && lineEnd < raw.length) {
                    eol = crlf ? "\r\n" : "\n";
                }
                int contentEnd = crlf ? lineEnd - 1 : lineEnd;
                if (contentEnd == pos) {
                    // the empty line that ends the header
                    if (openName != null) {
                        fields.add(new Field(openName, openStart, pos, openValue));
                    }
                    return new Headers(fields, pos, eol == null ? "\r\n" : eol);
                }
                if (raw[pos] == ' ' || raw[pos] == '\t') {
                    pos = next;
                    continue;
                }
                if (openName != null) {
                    fields.add(new Field(openName, openStart, pos, openValue));
                }
                int colon = pos;
                while (colon < contentEnd && raw[colon] != ':') {
                    colon++;
                }
                openName = new String(raw, pos, colon - pos, StandardCharsets.US_ASCII).strip();
                openStart = pos;
                openValue = Math.min(colon + 1, contentEnd);
                pos = next;
            }
            if (openName != null) {
                fields.add(new Field(openName, openStart, raw.length, openValue));
            }
            return new Headers(fields, raw.length, eol == null ? "\r\n" : eol);
        }

        byte[] replace(byte[] raw, Field field, byte[] with) {
            return splice(raw, field.start(), field.end(), with);
        }

        byte[] insertAtEnd(byte[] raw, byte[] line) {
            byte[] inserted = line;
            if (end > 0 && raw[end - 1] != '\n') {
                byte[] eolBytes = eol.getBytes(StandardCharsets.US_ASCII);
                inserted = Arrays.copyOf(eolBytes, eolBytes.length + line.length);
                System.arraycopy(line, 0, inserted, eolBytes.length, line.length);
            }
            return splice(raw, end, end, inserted);
        }

        /** {@code raw} with {@code [from, to)} replaced by {@code with}, in one array of the exact size. */
        private static byte[] splice(byte[] raw, int from, int to, byte[] with) {
            byte[] out = new byte[raw.length - (to - from) + with.length];
            System.arraycopy(raw, 0, out, 0, from);
            System.arraycopy(with, 0, out, from, with.length);
            System.arraycopy(raw, to, out, from + with.length, raw.length - to);
            return out;
        }
    }
}
