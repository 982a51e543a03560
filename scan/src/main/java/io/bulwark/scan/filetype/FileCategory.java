package io.bulwark.scan.filetype;

import java.util.Locale;
import java.util.Optional;

/**
 * The format categories that content filtering bans by (reference notes A.5: executables,
 * documents, multimedia, images, archives, databases, other). Every media type falls in exactly
 * one; see {@link FileType#categoryOf}.
 */
public enum FileCategory {
    EXECUTABLES, DOCUMENTS, ARCHIVES, MULTIMEDIA, IMAGES, DATABASES, OTHER;

    /** The word used in rule options: {@code executables}, {@code documents}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category named {@code word} (case-insensitive), if any. */
    public static Optional<FileCategory> byKey(String word) {
        for (FileCategory c : values()) {
            if (c.key().equalsIgnoreCase(word.strip())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
