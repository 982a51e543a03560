package io.bulwark.scan.antivirus.signatures;

/**
 * The {@code TargetType} field of a ClamAV body signature: which kind of file the pattern applies
 * to. Told by the leaf's leading bytes (magic numbers), since the engine sees decoded leaves, not
 * ClamAV's own file-type pipeline.
 *
 * <p>Types that need ClamAV's normalisation (3 HTML, 7 ASCII text) or its mail parser (4) are not
 * supported: lines with them are skipped and counted, because matching them on raw bytes would
 * miss what ClamAV finds and find what it does not.
 */
enum TargetType {
    ANY(0),
    PE(1),
    OLE2(2),
    GRAPHICS(5),
    ELF(6),
    MACH_O(9),
    PDF(10),
    FLASH(11),
    JAVA(12);

    private static final int HEAD = 8;
    private final int code;

    TargetType(int code) {
        this.code = code;
    }

    /** Leading bytes a leaf must offer for {@link #matches}. */
    static int headLength() {
        return HEAD;
    }

    static TargetType of(String field) throws BodySignature.Unsupported {
        int code;
        try {
            code = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new BodySignature.Unsupported("target type is not a number: " + field);
        }
        for (TargetType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new BodySignature.Unsupported("target type " + code + " is not supported");
    }

    /** Whether a leaf starting with {@code head} (its first bytes, fewer when shorter) is of this type. */
    boolean matches(byte[] head, int length) {
        return switch (this) {
            case ANY -> true;
            case PE -> starts(head, length, 'M', 'Z');
            case OLE2 -> starts(head, length, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
            case GRAPHICS -> starts(head, length, 'G', 'I', 'F', '8') || starts(head, length, 0x89, 'P', 'N', 'G')
                    || starts(head, length, 0xff, 0xd8, 0xff) || starts(head, length, 'B', 'M');
            case ELF -> starts(head, length, 0x7f, 'E', 'L', 'F');
            case MACH_O -> starts(head, length, 0xfe, 0xed, 0xfa, 0xce) || starts(head, length, 0xfe, 0xed, 0xfa, 0xcf)
                    || starts(head, length, 0xce, 0xfa, 0xed, 0xfe) || starts(head, length, 0xcf, 0xfa, 0xed, 0xfe)
                    || starts(head, length, 0xca, 0xfe, 0xba, 0xbe);
            case PDF -> starts(head, length, '%', 'P', 'D', 'F');
            case FLASH -> starts(head, length, 'F', 'W', 'S') || starts(head, length, 'C', 'W', 'S')
                    || starts(head, length, 'Z', 'W', 'S');
            case JAVA -> starts(head, length, 0xca, 0xfe, 0xba, 0xbe);
        };
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
