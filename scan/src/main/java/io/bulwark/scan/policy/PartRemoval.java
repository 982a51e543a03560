package io.bulwark.scan.policy;

/**
 * A MIME part to replace with the removal notice.
 *
 * @param path   IMAP-style part number, see {@link io.bulwark.scan.message.MessagePart}
 * @param reason why, for the notice ("ANTI_VIRUS INFECTED: EICAR test file in part 2 (eicar.com)")
 */
public record PartRemoval(String path, String reason) {
}
