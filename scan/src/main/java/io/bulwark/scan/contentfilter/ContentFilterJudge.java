package io.bulwark.scan.contentfilter;

import io.bulwark.events.rule.FileNameMasks;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.filetype.FileCategory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies one rule's content filtering options to a {@link ContentInventory}: a pure function, as
 * the module judge is. FORBIDDEN_SIZE when the message is larger than {@code max-message-size}
 * (0 = unlimited); FORBIDDEN_NAME for an attachment or entry whose name matches a
 * {@code banned-names} mask; FORBIDDEN_TYPE for one whose real type's category or media type is
 * in {@code banned-types} ({@code from-list}) or is not ({@code not-from-list}). Entries deeper
 * than {@code archive-depth} do not count. The statuses name the MIME parts concerned, so "Delete
 * attachment" removes the whole attachment (an archive with a banned entry goes as a whole).
 *
 * <p>An entry of unknown type (encrypted) is not judged by type: "not from list" would otherwise
 * ban every password-protected archive's content for being unreadable.
 */
public final class ContentFilterJudge {
    private ContentFilterJudge() {
    }

    /**
     * What the rule finds.
     *
     * @param statuses the statuses found, most severe first
     * @param reasons  one per violation
     * @param parts    the MIME parts of the name and type violations
     */
    public record Found(List<ScanStatus> statuses, List<String> reasons, List<String> parts) {
        public Found {
            statuses = List.copyOf(statuses);
            reasons = List.copyOf(reasons);
            parts = List.copyOf(parts);
        }
    }

    /** Judges an inventory under a rule's content filtering section. */
    public static Found judge(ContentInventory inventory, ModuleSettings settings) {
        Set<ScanStatus> statuses = new TreeSet<>();
        Set<String> reasons = new LinkedHashSet<>();
        Set<String> parts = new LinkedHashSet<>();
        long maxSize = settings.bytes(ModuleOption.MAX_MESSAGE_SIZE);
        if (maxSize > 0 && inventory.messageSize() > maxSize) {
            statuses.add(ScanStatus.FORBIDDEN_SIZE);
            reasons.add("message size " + inventory.messageSize() + " bytes exceeds the limit of " + maxSize + " bytes");
        }
        FileNameMasks masks = FileNameMasks.parse(settings.option(ModuleOption.BANNED_NAMES));
        List<String> typeList = settings.list(ModuleOption.BANNED_TYPES).stream()
                .map(t -> t.toLowerCase(Locale.ROOT)).toList();
        boolean notFromList = "not-from-list".equalsIgnoreCase(settings.option(ModuleOption.BANNED_TYPES_MODE));
        int depth = settings.level(ModuleOption.ARCHIVE_DEPTH);
        for (ContentInventory.Item item : inventory.items()) {
            if (item.depth() > depth) {
                continue;
            }
            Optional<String> mask = masks.match(item.name());
            if (mask.isPresent()) {
                statuses.add(ScanStatus.FORBIDDEN_NAME);
                reasons.add("banned attachment name (mask " + mask.get() + ") in " + item.location());
                parts.add(item.partPath());
            }
            if (item.encrypted()) {
                continue;
            }
            if (item.type().listedIn(typeList) != notFromList) {
                statuses.add(ScanStatus.FORBIDDEN_TYPE);
                reasons.add("banned attachment type " + item.type().mediaType() + " (" + item.category().key()
                        + (notFromList ? ", not in the allowed list" : "") + ") in " + item.location());
                parts.add(item.partPath());
            }
        }
        return new Found(List.copyOf(statuses), List.copyOf(reasons), List.copyOf(parts));
    }
}
