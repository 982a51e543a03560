package io.bulwark.events.rule;

import java.util.List;
import java.util.Optional;

/**
 * The file name masks of a rule option ({@link ModuleOption#BANNED_NAMES}): {@code *} and
 * {@code ?} wildcards, whole name, ignoring case, matched in linear time (see {@link GlobMask} for
 * why not regular expressions: names are chosen by any sender). Immutable and thread-safe.
 */
public final class FileNameMasks {
    private final List<String> masks;
    private final List<GlobMask> compiled;

    private FileNameMasks(List<String> masks) {
        this.masks = List.copyOf(masks);
        this.compiled = masks.stream().map(GlobMask::compile).toList();
    }

    /** The masks of an option's text (commas or line breaks between them). */
    public static FileNameMasks parse(String optionText) {
        return new FileNameMasks(ModuleOption.list(optionText));
    }

    /** Whether there are no masks. */
    public boolean isEmpty() {
        return masks.isEmpty();
    }

    /** The first mask that matches the whole name, if any. */
    public Optional<String> match(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).matches(name)) {
                return Optional.of(masks.get(i));
            }
        }
        return Optional.empty();
    }
}
