/**
 * Anti-virus exclusions per rule: attachments not scanned by file name mask, by real type, or
 * because they are larger than the rule's maximum object size (reference C, "AV per-rule limits").
 * {@link AttachmentCatalogCheck} lists the attachments; {@link AntivirusExclusions} applies a
 * rule's options to the list inside the module judge.
 */
package io.bulwark.scan.antivirus.exclusions;
