package io.bulwark.scan.antivirus.heuristics;

import java.util.Locale;
import java.util.Set;

/**
 * File names made to look like something else: a harmless-looking extension in front of an
 * executable one ({@code invoice.pdf.exe}, also with blanks before the last dot), and Unicode
 * bidirectional controls that make {@code photo\u202Egpj.exe} display as {@code photoexe.jpg}
 * (Unicode TR #9; the right-to-left override U+202E is the classic, the other embedding, override
 * and isolate controls work the same way).
 *
 * <p>Numbers and dates before the extension ({@code report 12.03.2020.scr},
 * {@code setup (1.2.3).msi}) are not a decoy: only a known document, image, media or archive
 * extension is. Stateless.
 */
public final class DeceptiveNames {
    /** Extensions Windows runs when the file is opened. */
    public static final Set<String> EXECUTABLE_EXTENSIONS = Set.of("exe", "scr", "com", "pif", "bat", "cmd", "vbs",
            "vbe", "js", "jse", "wsf", "wsh", "msi", "msp", "hta", "cpl", "jar", "lnk", "ps1", "psm1", "dll", "reg",
            "sct", "inf", "application", "gadget", "msc", "appx", "iso", "img", "vhd");
    /** Extensions a decoy shows in front of the real one. */
    static final Set<String> DECOY_EXTENSIONS = Set.of("pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt",
            "pptx", "rtf", "txt", "odt", "ods", "csv", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "mp3",
            "mp4", "avi", "mov", "wav", "zip", "rar", "7z", "htm", "html", "xml", "eml", "msg");

    private DeceptiveNames() {
    }

    /** The lower-case last extension of a name (after the last dot, blanks stripped), or "". */
    public static String extension(String name) {
        String base = baseName(name);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * "pdf.exe" for {@code invoice.pdf.exe}: the decoy and the executable extension, or null when
     * the name is not a double extension of that kind.
     */
    public static String doubleExtension(String name) {
        String base = baseName(name);
        int last = base.lastIndexOf('.');
        if (last <= 0) {
            return null;
        }
        String ext = base.substring(last + 1).strip().toLowerCase(Locale.ROOT);
        String front = base.substring(0, last).stripTrailing();
        int previous = front.lastIndexOf('.');
        if (previous < 0 || !EXECUTABLE_EXTENSIONS.contains(ext)) {
            return null;
        }
        String decoy = front.substring(previous + 1).strip().toLowerCase(Locale.ROOT);
        return DECOY_EXTENSIONS.contains(decoy) ? decoy + "." + ext : null;
    }

    /** The first bidirectional control character in the name (as "U+202E"), or null. */
    public static String bidiControl(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                    || c == '\u200F') {
                return String.format("U+%04X", (int) c);
            }
        }
        return null;
    }

    private static String baseName(String name) {
        String n = name == null ? "" : name;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return n.substring(slash + 1);
    }
}
