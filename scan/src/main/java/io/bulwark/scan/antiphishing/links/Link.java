package io.bulwark.scan.antiphishing.links;

/**
 * One link found in a message.
 *
 * @param target      where it goes
 * @param kind        where it was found
 * @param text        what the reader sees for it: the anchor's text for {@link Kind#ANCHOR}, else empty
 * @param part        the IMAP-style path of the MIME part it was found in
 * @param credentials for {@link Kind#FORM_ACTION}: whether the form asks for a password
 */
public record Link(WebAddress target, Kind kind, String text, String part, boolean credentials) {

    /** Where in the message a link was found. */
    public enum Kind {
        /** {@code <a href>} or {@code <area href>}. */
        ANCHOR,
        /** {@code src} of an image, frame, script or other embedded resource. */
        SOURCE,
        /** {@code <form action>}. */
        FORM_ACTION,
        /** {@code <meta http-equiv="refresh" content="0; url=...">}. */
        META_REFRESH,
        /** A bare address in plain text (or in an HTML text node). */
        TEXT
    }

    public Link {
        text = text == null ? "" : text;
    }

    /** Whether a reader or a browser navigates to it (as opposed to loading it into the page). */
    public boolean navigable() {
        return kind != Kind.SOURCE;
    }
}
