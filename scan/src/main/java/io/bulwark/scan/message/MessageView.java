package io.bulwark.scan.message;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The read-only, parsed view of a message that every scanner receives (ARCHITECTURE.md, "Scan
 * pipeline"): top-level header fields, the decoded leaf parts, the raw size, and the problems met
 * while parsing. Immutable and safe to share between scanners running in parallel.
 *
 * @param headers  top-level header fields in order
 * @param parts    leaf parts in document order
 * @param rawSize  size of the message as received, in bytes
 * @param problems limits hit or damage found while parsing ("nesting limit: ...", "part limit:
 *                 ...", "decoded size limit: ...", "corrupted: ..."); empty when the view is
 *                 complete. Scanners that find nothing in an incomplete view report NOT_SCANNED
 *                 with these as reasons, never CLEAN.
 */
public record MessageView(List<HeaderField> headers, List<MessagePart> parts, long rawSize, List<String> problems) {

    public MessageView {
        headers = headers == null ? List.of() : List.copyOf(headers);
        parts = parts == null ? List.of() : List.copyOf(parts);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The first header field of that name (case-insensitive), decoded. */
    public Optional<String> header(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(wanted))
                .map(HeaderField::value).findFirst();
    }

    /** Whether parsing hit a limit or damage. */
    public boolean incomplete() {
        return !problems.isEmpty();
    }
}
