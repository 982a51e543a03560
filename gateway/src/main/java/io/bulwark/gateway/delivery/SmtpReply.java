package io.bulwark.gateway.delivery;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply of a next hop (RFC 5321 section 4.2), possibly multi-line.
 *
 * @param code  the three-digit reply code
 * @param lines the text of each line, without code and separator
 */
public record SmtpReply(int code, List<String> lines) {
    private static final Pattern ENHANCED = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    public boolean isPositive() {
        return code >= 200 && code < 300;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The reply on one line, e.g. {@code 250 2.0.0 Ok: queued as 4F1X}. */
    @Override
    public String toString() {
        return code + (lines.isEmpty() ? "" : " " + String.join(" ", lines));
    }

    /** The RFC 3463 status code in {@code text}, or {@code fallback} when there is none. */
    static String statusCode(String text, String fallback) {
        if (text == null) {
            return fallback;
        }
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? m.group(1) : fallback;
    }
}
