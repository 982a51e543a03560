package io.bulwark.scan.antivirus.clamd;

/**
 * clamd's answer to one INSTREAM: {@code stream: OK}, {@code stream: NAME FOUND} or
 * {@code ... ERROR} (the {@code N: } prefix of a session already removed).
 *
 * @param kind   which of the three
 * @param detail the signature name (FOUND), the error text (ERROR), empty for OK
 */
public record ClamdReply(Kind kind, String detail) {

    /** The three outcomes of clamd's protocol. */
    public enum Kind { OK, FOUND, ERROR }

    /**
     * Parses a reply line without its terminator; anything else than the three forms is an
     * ERROR carrying the line.
     */
    public static ClamdReply parse(String line) {
        String l = line.strip();
        if (l.startsWith("stream: ")) {
            l = l.substring(8);
        }
        if (l.equals("OK")) {
            return new ClamdReply(Kind.OK, "");
        }
        if (l.endsWith(" FOUND") && l.length() > 6) {
            return new ClamdReply(Kind.FOUND, l.substring(0, l.length() - 6).strip());
        }
        if (l.endsWith(" ERROR")) {
            return new ClamdReply(Kind.ERROR, l.substring(0, l.length() - 6).strip());
        }
        return new ClamdReply(Kind.ERROR, "unexpected reply: " + l);
    }
}
