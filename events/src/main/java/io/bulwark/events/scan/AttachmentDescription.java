package io.bulwark.events.scan;

import io.bulwark.events.PersonalData;

/**
 * One attachment of a scanned message, as a SIEM or an investigator needs it to find the same file
 * elsewhere: its name, the type its content really has, its size and its SHA-256. Never its content.
 * Part of {@link MessageScannedEvent} from revision 3.
 *
 * @param partPath     the MIME part (IMAP numbering, "2"), as in {@link ModuleVerdict#partPaths()}
 * @param fileName     the decoded file name the sender gave (control characters removed, at most
 *                     255 characters), or {@code null} for an attachment without a name
 * @param detectedType the media type found from the content ({@code application/pdf}), whatever
 *                     the name and the declared type say; {@code application/octet-stream} when
 *                     nothing matched
 * @param sizeBytes    the decoded size in bytes
 * @param sha256       lower-case hex SHA-256 of the decoded bytes; {@code null} when the part was
 *                     cut at the decoding limit (a hash of part of a file would match nothing)
 */
public record AttachmentDescription(String partPath, @PersonalData(PersonalData.Kind.OF_MESSAGE) String fileName, String detectedType, long sizeBytes,
        String sha256) {
}
