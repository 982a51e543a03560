package io.bulwark.admin.cef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict CEF parser for the tests, written from the CEF notes and independent of
 * {@link CefFormatter} (it shares no code with it): a line that a lenient SIEM parser would
 * misread is rejected here. Rules: the line starts with {@code CEF:}; the header is the first seven
 * fields split at unescaped pipes, in which only {@code \\} and {@code \|} are escapes; the severity
 * is 0-10; in the extension every unescaped {@code =} must end a key ({@code [A-Za-z0-9_]+} after a
 * space or the start), the only escapes are {@code \\ \= \n \r}, and a key appears once; no raw CR,
 * LF or NUL anywhere; every {@code csN}, {@code cnN}, {@code c6aN}, {@code deviceCustomDateN} has its
 * label.
 */
final class StrictCefParser {

    record Parsed(String version, String vendor, String product, String deviceVersion, String classId, String name,
            int severity, Map<String, String> extension) {
    }

    static final class CefSyntaxException extends RuntimeException {
        CefSyntaxException(String message) {
            super(message);
        }
    }

    private StrictCefParser() {
    }

    static Parsed parse(String line) {
        for (char c : line.toCharArray()) {
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new CefSyntaxException("raw CR, LF or NUL in " + line);
            }
        }
        if (!line.startsWith("CEF:")) {
            throw new CefSyntaxException("does not start with CEF: " + line);
        }
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 4;
        while (header.size() < 7) {
            if (i >= line.length()) {
                throw new CefSyntaxException("fewer than 7 header fields: " + line);
            }
            char c = line.charAt(i);
            if (c == '\\') {
                if (i + 1 >= line.length() || (line.charAt(i + 1) != '\\' && line.charAt(i + 1) != '|')) {
                    throw new CefSyntaxException("bad header escape at " + i + ": " + line);
                }
                field.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
                i++;
            } else {
                field.append(c);
                i++;
            }
        }
        if (!header.get(0).equals("0")) {
            throw new CefSyntaxException("version is not 0: " + header.get(0));
        }
        int severity;
        try {
            severity = Integer.parseInt(header.get(6));
        } catch (NumberFormatException e) {
            throw new CefSyntaxException("severity is not a number: " + header.get(6));
        }
        if (severity < 0 || severity > 10) {
            throw new CefSyntaxException("severity out of 0-10: " + severity);
        }
        Map<String, String> extension = extension(line.substring(i));
        for (String key : extension.keySet()) {
            if (key.matches("(cs|cn|c6a|cfp|deviceCustomDate)\\d") && !extension.containsKey(key + "Label")) {
                throw new CefSyntaxException(key + " without its label: " + line);
            }
        }
        return new Parsed(header.get(0), header.get(1), header.get(2), header.get(3), header.get(4), header.get(5),
                severity, extension);
    }

    private static Map<String, String> extension(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        // Find every unescaped '=' and the key in front of it.
        List<int[]> keys = new ArrayList<>(); // {keyStart, equalsIndex}
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '=') {
                int start = i;
                while (start > 0 && isKeyChar(text.charAt(start - 1))) {
                    start--;
                }
                if (start == i || (start > 0 && text.charAt(start - 1) != ' ')) {
                    throw new CefSyntaxException("unescaped '=' that ends no key at " + i + ": " + text);
                }
                keys.add(new int[] {start, i});
            }
        }
        if (keys.isEmpty() || keys.getFirst()[0] != 0) {
            throw new CefSyntaxException("extension does not start with a key: " + text);
        }
        for (int k = 0; k < keys.size(); k++) {
            int[] key = keys.get(k);
            int end = k + 1 < keys.size() ? keys.get(k + 1)[0] - 1 : text.length();
            String name = text.substring(key[0], key[1]);
            if (out.put(name, unescape(text.substring(key[1] + 1, end))) != null) {
                throw new CefSyntaxException("key twice: " + name);
            }
        }
        return out;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= value.length()) {
                throw new CefSyntaxException("dangling backslash in " + value);
            }
            char next = value.charAt(++i);
            switch (next) {
                case '\\' -> out.append('\\');
                case '=' -> out.append('=');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> throw new CefSyntaxException("bad extension escape \\" + next + " in " + value);
            }
        }
        return out.toString();
    }
}
