package io.bulwark.scan.antivirus.exclusions;

import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.message.text.Printable;
import java.util.List;

/**
 * The attachments of one message, as anti-virus exclusions judge them: the facts only, so one
 * catalog is judged under every recipient group's rule. Immutable.
 *
 * @param attachments in part order
 */
public record AttachmentCatalog(List<Attachment> attachments) {
    public AttachmentCatalog {
        attachments = List.copyOf(attachments);
    }

    /**
     * One attachment (a MIME part with a file name or an attachment disposition).
     *
     * @param partPath the MIME part ("2"), what detections name
     * @param name     its file name, possibly empty
     * @param type     its real type, from its first bytes and its name
     * @param size     its decoded size in bytes
     */
    public record Attachment(String partPath, String name, FileType type, long size) {
        /** "part 2 (setup.iso)", for reasons. */
        public String location() {
            // the sender's file name, as text for a reason: printable and bounded (matched raw elsewhere)
            String shown = Printable.clean(name, Printable.NAME_MAX);
            return "part " + partPath + (shown == null ? "" : " (" + shown + ")");
        }
    }
}
