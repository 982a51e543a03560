package io.bulwark.scan.licence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The activation-code file: what the local activation service exchanges codes for, written by
 * {@link LicenceTool}'s {@code activation-code} command. One code per line: the code, a space, and
 * the key file in base64 (one line); blank lines and lines starting with {@code #} are ignored.
 *
 * <p>A code is 20 characters of Crockford's base32 alphabet in four groups
 * ({@code 7K3QZ-M2X8D-...}), 100 random bits. Codes are compared ignoring case, spaces and dashes,
 * as people type them. Stateless.
 */
public final class ActivationCodes {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ActivationCodes() {
    }

    /** A new random code. */
    public static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** A code as compared: upper case, without spaces or dashes. */
    public static String normalise(String code) {
        return code == null ? "" : code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    /** Appends a code for a key file. */
    public static void append(Path file, String code, String keyFile) throws IOException {
        String line = code + " " + Base64.getEncoder().encodeToString(keyFile.getBytes(StandardCharsets.UTF_8)) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The key file a code is exchanged for, if the file lists the code. */
    public static Optional<String> lookup(Path file, String code) throws IOException {
        String wanted = normalise(code);
        if (wanted.isEmpty() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int space = l.indexOf(' ');
            if (space > 0 && normalise(l.substring(0, space)).equals(wanted)) {
                return Optional.of(new String(Base64.getDecoder().decode(l.substring(space + 1).strip()),
                        StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
