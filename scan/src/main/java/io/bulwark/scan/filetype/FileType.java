package io.bulwark.scan.filetype;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A file's real type, as found from its content, with its {@link FileCategory}.
 *
 * @param mediaType lower-case media type without parameters, e.g. {@code application/pdf};
 *                  {@code application/octet-stream} when nothing matched
 * @param category  the category of the media type
 */
public record FileType(String mediaType, FileCategory category) {
    /** The type of an object that was not (or could not be) detected. */
    public static final FileType UNKNOWN = new FileType("application/octet-stream", FileCategory.OTHER);

    private static final Set<String> EXECUTABLE_MARKS = Set.of("x-dosexec", "x-msdownload", "x-executable", "x-elf",
            "x-sharedlib", "x-mach-o", "x-msi", "x-ms-installer", "vnd.microsoft.portable-executable", "x-bat",
            "x-msdos-batch", "x-sh", "x-csh", "x-vbscript", "java-archive", "x-java-archive", "x-ms-shortcut",
            "hta", "x-ms-wim", "x-apple-diskimage", "vnd.android.package-archive", "x-powershell", "x-object",
            "x-coredump", "x-ms-application");
    private static final Set<String> ARCHIVE_MARKS = Set.of("zip", "gzip", "x-gzip", "x-bzip", "x-bzip2", "x-xz",
            "x-7z-compressed", "x-rar-compressed", "vnd.rar", "x-rar", "x-tar", "x-gtar", "x-compress", "x-lzh",
            "x-lzh-compressed", "x-arj", "x-cpio", "zstd", "x-lzma", "x-lz4", "x-iso9660-image", "x-ace-compressed",
            "x-cab", "vnd.ms-cab-compressed", "x-lzip", "x-archive");
    private static final Set<String> DATABASE_MARKS = Set.of("x-msaccess", "vnd.ms-access", "x-sqlite3",
            "vnd.sqlite3", "x-dbf", "x-dbase", "x-filemaker");
    private static final Set<String> DOCUMENT_MARKS = Set.of("pdf", "msword", "rtf", "x-tika-msoffice",
            "x-tika-ooxml", "x-tika-ooxml-protected", "epub+zip", "postscript", "vnd.visio", "x-mspublisher",
            "vnd.wordperfect", "x-hwp", "x-tika-msworks-spreadsheet", "vnd.ms-outlook");

    public FileType {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(category, "category");
    }

    /**
     * Whether a rule's list of types names this one: a category word ({@code executables}), the
     * media type itself ({@code application/pdf}) or its major type ({@code image/*}). Entries are
     * expected in lower case. Content filtering's banned types and anti-virus exclusions read
     * their lists with it.
     */
    public boolean listedIn(java.util.List<String> entries) {
        for (String entry : entries) {
            if (entry.equals(category.key()) || entry.equals(mediaType)
                    || (entry.endsWith("/*") && mediaType.startsWith(entry.substring(0, entry.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The type and category of a media type ({@code type/subtype}, parameters ignored). */
    public static FileType of(String mediaType) {
        String bare = bare(mediaType);
        return new FileType(bare, categoryOf(bare));
    }

    /**
     * The category of a media type: by its major type for images, audio and video; by known
     * subtypes for executables, archives, databases and documents (including every
     * {@code vnd.ms-*}, {@code vnd.openxmlformats-*} and {@code vnd.oasis.opendocument.*} type);
     * OTHER for the rest (text, HTML, CHM, ...).
     */
    public static FileCategory categoryOf(String mediaType) {
        String bare = bare(mediaType);
        int slash = bare.indexOf('/');
        String major = slash < 0 ? bare : bare.substring(0, slash);
        String sub = slash < 0 ? "" : bare.substring(slash + 1);
        if (major.equals("image")) {
            return FileCategory.IMAGES;
        }
        if (major.equals("audio") || major.equals("video")) {
            return FileCategory.MULTIMEDIA;
        }
        if (EXECUTABLE_MARKS.contains(sub) || sub.startsWith("x-mach-o")) {
            return FileCategory.EXECUTABLES;
        }
        if (ARCHIVE_MARKS.contains(sub)) {
            return FileCategory.ARCHIVES;
        }
        if (DATABASE_MARKS.contains(sub)) {
            return FileCategory.DATABASES;
        }
        if (DOCUMENT_MARKS.contains(sub) || sub.startsWith("vnd.ms-") || sub.startsWith("vnd.openxmlformats-")
                || sub.startsWith("vnd.oasis.opendocument.") || sub.startsWith("vnd.apple.")) {
            return FileCategory.DOCUMENTS;
        }
        return FileCategory.OTHER;
    }

    private static String bare(String mediaType) {
        String t = mediaType == null ? "" : mediaType;
        int semicolon = t.indexOf(';');
        if (semicolon >= 0) {
            t = t.substring(0, semicolon);
        }
        t = t.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? UNKNOWN_TYPE : t;
    }

    private static final String UNKNOWN_TYPE = "application/octet-stream";
}
