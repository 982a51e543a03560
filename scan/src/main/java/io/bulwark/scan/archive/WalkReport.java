package io.bulwark.scan.archive;

import io.bulwark.scan.message.text.Printable;
import java.util.List;
import java.util.Objects;

/**
 * What a walk could not look into, and how much it looked at.
 *
 * @param notices what was not unpacked and why, in walk order
 * @param leaves  how many leaves the visitor saw
 * @param stopped whether the visitor ended the walk early
 */
public record WalkReport(List<Notice> notices, int leaves, boolean stopped) {
    public WalkReport {
        notices = List.copyOf(notices);
    }

    /** Why a part of the tree was not walked. */
    public enum Kind {
        /** An encrypted or password-protected entry or archive. */
        ENCRYPTED,
        /** A format that is recognised but not unpacked (RAR, an unsupported zip method). */
        UNSUPPORTED_FORMAT,
        /** A damaged container. */
        CORRUPTED,
        /** A limit of {@link ArchiveLimits} was reached. */
        LIMIT
    }

    /**
     * One thing not walked.
     *
     * @param kind     why
     * @param partPath the MIME part concerned
     * @param names    the path in the tree below the part (see {@link Leaf#names()})
     * @param reason   for administrators; names entries, never content
     */
    public record Notice(Kind kind, String partPath, List<String> names, String reason) {
        public Notice {
            Objects.requireNonNull(kind, "kind");
            names = List.copyOf(names);
        }

        /** "part 2 (a.zip!b.zip)". */
        public String location() {
            return WalkReport.location(partPath, names);
        }
    }

    /** The notices of one kind. */
    public List<Notice> of(Kind kind) {
        return notices.stream().filter(n -> n.kind() == kind).toList();
    }

    static String location(String partPath, List<String> names) {
        // names are the sender's: printable and bounded in reasons and logs, matched raw elsewhere
        String joined = String.join("!", names.stream().map(n -> Printable.clean(n, Printable.NAME_MAX))
                .filter(n -> n != null).toList());
        return "part " + partPath + (joined.isEmpty() ? "" : " (" + joined + ")");
    }
}
