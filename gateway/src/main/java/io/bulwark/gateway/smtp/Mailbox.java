package io.bulwark.gateway.smtp;

/**
 * RFC 5321 4.1.2 mailbox syntax: {@code Local-part "@" ( Domain / address-literal )}, where the
 * local part is a dot-string or a quoted string. Checked strictly because the relay decision and
 * the next hop must agree on where the domain starts: {@code a@b@c} and unbalanced quotes are
 * refused as syntax errors instead of being guessed at. A single trailing dot after the domain
 * (an absolute name) is tolerated, as Postfix does. Stateless.
 */
final class Mailbox {
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private Mailbox() {
    }

    /** The index of the '@' between local part and domain, or -1 when the syntax is wrong. */
    static int separator(String address) {
        int i;
        if (address.startsWith("\"")) {
            i = 1;
            boolean closed = false;
            while (i < address.length()) {
                char c = address.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= address.length() || address.charAt(i + 1) < 32 || address.charAt(i + 1) > 126) {
                        return -1;
                    }
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    closed = true;
                    i++;
                    break;
                }
                if (c < 32 || c > 126) {
                    return -1;
                }
                i++;
            }
            if (!closed || i == 2) {
                return -1;
            }
        } else {
            i = address.indexOf('@');
            if (i <= 0 || !isDotString(address.substring(0, i))) {
                return -1;
            }
        }
        if (i >= address.length() || address.charAt(i) != '@') {
            return -1;
        }
        return isDomain(address.substring(i + 1)) ? i : -1;
    }

    static boolean isValid(String address) {
        return separator(address) > 0;
    }

    private static boolean isDotString(String local) {
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (char c : local.toCharArray()) {
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATEXT_SPECIALS.indexOf(c) >= 0;
            if (!atext && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDomain(String domain) {
        if (domain.startsWith("[")) {
            // address-literal: syntax only; such domains are never relay domains.
            if (!domain.endsWith("]") || domain.length() < 3) {
                return false;
            }
            for (char c : domain.substring(1, domain.length() - 1).toCharArray()) {
                if (c <= 32 || c > 126 || c == '[' || c == ']' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.length() > 253) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (char c : label.toCharArray()) {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
