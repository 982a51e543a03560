package io.bulwark.gateway.policy;

/**
 * The editable text that replaces a removed attachment, like the commercial gateway's "template
 * for messages when removing an attachment". Placeholders, in the same {@code %NAME%} style as the
 * notification macros: {@code %FILE_NAME%} (the removed file's name, or "(no name)"),
 * {@code %REASON%} (module, status and what was found) and {@code %PART%} (the MIME part number).
 *
 * @param text the template
 */
public record RemovalNoticeTemplate(String text) {
    /** The default text. */
    public static final String DEFAULT_TEXT = """
            The attachment %FILE_NAME% was removed from this message by the mail gateway.
            Reason: %REASON%

            The original message was kept in Backup if the policy says so. Contact your
            administrator if you need the file and quote this notice.
            """;

    /** The template with the default text. */
    public static RemovalNoticeTemplate defaults() {
        return new RemovalNoticeTemplate(DEFAULT_TEXT);
    }

    /** The notice for one removed part, with CRLF line ends as MIME wants. */
    public String render(String fileName, String reason, String partPath) {
        String out = text.replace("%FILE_NAME%", fileName == null || fileName.isBlank() ? "(no name)" : fileName)
                .replace("%REASON%", reason == null ? "" : reason)
                .replace("%PART%", partPath == null ? "" : partPath);
        return out.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
