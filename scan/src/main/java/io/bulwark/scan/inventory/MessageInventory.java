package io.bulwark.scan.inventory;

import io.bulwark.events.scan.AttachmentDescription;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.scan.filetype.FileTypeDetector;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.message.text.Printable;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The subject and the attachments of a message, for {@link MessageScannedEvent} (revision 3).
 *
 * <p><b>Cost.</b> This runs on the SMTP path, before the reply to DATA, so it adds no parse: the
 * attachments come from the {@link MessageView} the pipeline already parsed (its parts hold the
 * decoded bytes), each hash is {@link MessagePart#sha256()} (computed once per part over the held
 * array, no copy) and each type is {@link MessagePart#type()}, which the archive walker already
 * detected for the engines (from the first {@value FileTypeDetector#HEAD_BYTES} bytes) and kept on
 * the part. Only the message's own attachments are described, not the
 * members of archives: those are the archive walker's business and are walked once per engine; a
 * SIEM matches files by the hash of what was attached. When no module ran, the gateway did not
 * parse the message and only the subject is read, from the raw header section (no MIME parse).
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageInventory {
    /** Most attachments described per message: a message of 10,000 tiny parts must not make a huge event. */
    public static final int MAX_ATTACHMENTS = 100;
    /** Longest file name recorded, in characters. */
    public static final int MAX_FILE_NAME = 255;

    private MessageInventory() {
    }

    /**
     * What to record.
     *
     * @param subject     see {@link MessageScannedEvent#subject()}
     * @param attachments see {@link MessageScannedEvent#attachments()}
     */
    public record Contents(String subject, List<AttachmentDescription> attachments) {
        /** Nothing known (a message that was never parsed and has no header). */
        public static final Contents NONE = new Contents(null, List.of());

        public Contents {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /** Subject and attachments from the parsed view. */
    public static Contents of(MessageView view) {
        String subject = view.header("Subject").map(MessageInventory::clean).orElse(null);
        if (subject == null && view.headers().isEmpty()) {
            // mime4j could not parse the structure: the raw header section may still have one
            subject = subject(RawMessage.fields(view.rawHeader()));
        }
        return new Contents(subject, attachments(view.parts()));
    }

    /** The subject alone, from the raw message, for a message no module scanned (no MIME parse). */
    public static Contents subjectOnly(byte[] rawMessage) {
        return new Contents(subject(RawMessage.of(rawMessage).fields()), List.of());
    }

    private static String subject(List<HeaderField> rawFields) {
        for (HeaderField f : rawFields) {
            if (f.name().equalsIgnoreCase("Subject")) {
                return clean(decodeWords(f.value()));
            }
        }
        return null;
    }

    static List<AttachmentDescription> attachments(List<MessagePart> parts) {
        List<AttachmentDescription> out = new ArrayList<>();
        for (MessagePart part : parts) {
            if (!part.attachment()) {
                continue;
            }
            if (out.size() == MAX_ATTACHMENTS) {
                break;
            }
            String name = Printable.clean(part.filename(), MAX_FILE_NAME);
            String type = part.type().mediaType();
            out.add(new AttachmentDescription(part.path(), name == null || name.isEmpty() ? null : name, type,
                    part.size(), part.truncated() ? null : part.sha256()));
        }
        return out;
    }

    /**
     * Text fit to record ({@link Printable#clean}), at most
     * {@value MessageScannedEvent#SUBJECT_MAX_LENGTH} characters. {@code null} when nothing is left.
     */
    static String clean(String text) {
        return Printable.clean(text, MessageScannedEvent.SUBJECT_MAX_LENGTH);
    }

    private static String decodeWords(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
