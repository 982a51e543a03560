package io.bulwark.scan.antivirus.exclusions;

import io.bulwark.events.rule.FileNameMasks;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one rule's anti-virus exclusions to an {@link AttachmentCatalog}: a pure function, as
 * the module judge is. An attachment is not scanned when its name matches an
 * {@code excluded-names} mask, when its real type is in {@code excluded-types}, or when it is
 * larger than {@code max-object-size} (0 = unlimited). What the engines found in such an
 * attachment (archive members included: they belong to its MIME part) does not count; the
 * attachment is reported "not scanned" with the reason.
 *
 * <p>The unit is the attachment, as in the reference ("exclusions by attachment format and by
 * file name mask", "max size of attachments to scan"); members of an archive are not excluded one
 * by one, since "Delete attachment" could not act on them one by one either.
 */
public final class AntivirusExclusions {
    private AntivirusExclusions() {
    }

    /**
     * The attachments a rule does not scan, by MIME part, each with its reason
     * ("not scanned: size limit: part 2 (disk.img) is 31457280 bytes, over 26214400").
     */
    public static Map<String, String> excluded(AttachmentCatalog catalog, ModuleSettings settings) {
        FileNameMasks masks = FileNameMasks.parse(settings.option(ModuleOption.AV_EXCLUDED_NAMES));
        List<String> types = settings.list(ModuleOption.AV_EXCLUDED_TYPES).stream()
                .map(t -> t.toLowerCase(Locale.ROOT)).toList();
        long maxSize = settings.bytes(ModuleOption.AV_MAX_OBJECT_SIZE);
        Map<String, String> excluded = new LinkedHashMap<>();
        for (AttachmentCatalog.Attachment a : catalog.attachments()) {
            Optional<String> mask = masks.match(a.name());
            if (maxSize > 0 && a.size() > maxSize) {
                excluded.put(a.partPath(), "not scanned: size limit: " + a.location() + " is " + a.size()
                        + " bytes, over " + maxSize);
            } else if (mask.isPresent()) {
                excluded.put(a.partPath(), "not scanned: excluded (mask " + mask.get() + "): " + a.location());
            } else if (!types.isEmpty() && a.type().listedIn(types)) {
                excluded.put(a.partPath(), "not scanned: excluded (format " + a.type().mediaType() + ", "
                        + a.type().category().key() + "): " + a.location());
            }
        }
        return excluded;
    }
}
