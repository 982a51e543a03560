package io.bulwark.scan.licence;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our licence key file: a short UTF-8 text document that an administrator can read, signed with the
 * licence authority's Ed25519 key (docs/licensing.md). Example:
 *
 * <pre>
 * -----BEGIN BULWARK LICENCE KEY-----
 * Format: 1
 * Licence-Number: BW-2026-0001
 * Holder: Example Ltd
 * Product: Bulwark
 * Licensing-Unit: mailboxes
 * Unit-Limit: 500
 * Type: commercial
 * Functionality: full
 * Start: 2026-01-01T00:00:00Z
 * Expiry: 2027-01-01T00:00:00Z
 * Grace-Days: 0
 * Issued: 2025-12-20T10:00:00Z
 * Authority: 3f2a9c01d4e5b6a7
 * Signature: (base64 of 64 bytes)
 * -----END BULWARK LICENCE KEY-----
 * </pre>
 *
 * <p>The signature covers the canonical text of every field line before {@code Signature}: each
 * line as {@code Name: value} (value stripped), joined by LF, in file order. So line endings and
 * trailing spaces an editor adds do not matter, while any change of a name or value does. Field
 * names are case-sensitive; each appears once; fields this version does not know are signed and
 * ignored (a newer issuer may add some).
 *
 * <p>Why our own format rather than a JWT or X.509 attribute certificate: it is readable in a text
 * editor by the administrator who received it, it needs no JOSE or ASN.1 library, and its one
 * signature algorithm leaves nothing to negotiate (ADR 0021). Stateless.
 */
public final class LicenceKeyFile {
    static final String BEGIN = "-----BEGIN BULWARK LICENCE KEY-----";
    static final String END = "-----END BULWARK LICENCE KEY-----";
    static final String FORMAT = "Format";
    static final String NUMBER = "Licence-Number";
    static final String HOLDER = "Holder";
    static final String PRODUCT = "Product";
    static final String UNIT = "Licensing-Unit";
    static final String LIMIT = "Unit-Limit";
    static final String TYPE = "Type";
    static final String FUNCTIONALITY = "Functionality";
    static final String START = "Start";
    static final String EXPIRY = "Expiry";
    static final String GRACE = "Grace-Days";
    static final String ISSUED = "Issued";
    static final String AUTHORITY = "Authority";
    static final String SIGNATURE = "Signature";
    /** The product every key names. */
    public static final String PRODUCT_NAME = "Bulwark";
    private static final List<String> REQUIRED = List.of(FORMAT, NUMBER, HOLDER, PRODUCT, UNIT, LIMIT, TYPE,
            FUNCTIONALITY, START, EXPIRY, GRACE, AUTHORITY);

    private LicenceKeyFile() {
    }

    /**
     * What a key file says, parsed but not yet verified.
     *
     * @param fields     every field before the signature, in file order
     * @param signedText the canonical text the signature covers
     * @param signature  the signature bytes
     */
    public record Parsed(Map<String, String> fields, String signedText, byte[] signature) {
        /** The authority key id the file names. */
        public String authority() {
            return fields.get(AUTHORITY);
        }

        /** The licence number the file names. */
        public String licenceNumber() {
            return fields.get(NUMBER);
        }

        /** SHA-256 (hex) of the canonical file: the same for the same key however it was re-wrapped. */
        public String sha256() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((signedText + "\n" + SIGNATURE + ": "
                        + Base64.getEncoder().encodeToString(signature)).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        /**
         * The facts the file certifies (only meaningful once the signature is verified).
         *
         * @throws MalformedLicenceKeyException when a value is not of its kind
         */
        public LicenceKeyFacts facts() {
            return new LicenceKeyFacts(fields.get(NUMBER), fields.get(HOLDER), fields.get(PRODUCT), fields.get(UNIT),
                    number(LIMIT), instant(START), instant(EXPIRY), type(), (int) number(GRACE), functionality(),
                    fields.get(AUTHORITY), sha256());
        }

        private long number(String name) {
            try {
                long value = Long.parseLong(fields.get(name));
                if (value < 0 || (name.equals(GRACE) && value > 3650)) {
                    throw new NumberFormatException("out of range");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new MalformedLicenceKeyException(name + " is not a number of the allowed range: '"
                        + fields.get(name) + "'");
            }
        }

        private Instant instant(String name) {
            try {
                return Instant.parse(fields.get(name));
            } catch (DateTimeParseException e) {
                throw new MalformedLicenceKeyException(name + " is not a UTC time such as 2027-01-01T00:00:00Z: '"
                        + fields.get(name) + "'");
            }
        }

        private LicenceType type() {
            try {
                return LicenceType.valueOf(fields.get(TYPE).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MalformedLicenceKeyException("Type is trial, commercial or subscription, not '"
                        + fields.get(TYPE) + "'");
            }
        }

        private FunctionalityLevel functionality() {
            String value = fields.get(FUNCTIONALITY).toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return FunctionalityLevel.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new MalformedLicenceKeyException("Functionality is full or anti-virus, not '"
                        + fields.get(FUNCTIONALITY) + "'");
            }
        }
    }

    /** Thrown when a text is not a well-formed licence key file; the message says what is wrong. */
    public static final class MalformedLicenceKeyException extends IllegalArgumentException {
        public MalformedLicenceKeyException(String message) {
            super(message);
        }
    }

    /**
     * Parses a key file.
     *
     * @throws MalformedLicenceKeyException when it is not one
     */
    public static Parsed parse(String text) {
        String body = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
        int begin = body.indexOf(BEGIN);
        int end = body.lastIndexOf(END);
        if (begin < 0 || end < begin) {
            throw new MalformedLicenceKeyException("Not a Bulwark licence key file: it has no " + BEGIN + " ... "
                    + END + " block");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String signature = null;
        StringBuilder signed = new StringBuilder();
        for (String raw : body.substring(begin + BEGIN.length(), end).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (signature != null) {
                throw new MalformedLicenceKeyException("Nothing may follow the Signature line: '" + line + "'");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedLicenceKeyException("Not a 'Name: value' line: '" + line + "'");
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equals(SIGNATURE)) {
                signature = value;
                continue;
            }
            if (fields.put(name, value) != null) {
                throw new MalformedLicenceKeyException("The field " + name + " appears twice");
            }
            if (!signed.isEmpty()) {
                signed.append('\n');
            }
            signed.append(name).append(": ").append(value);
        }
        if (signature == null) {
            throw new MalformedLicenceKeyException("The key file has no Signature line");
        }
        for (String name : REQUIRED) {
            if (fields.get(name) == null || fields.get(name).isEmpty()) {
                throw new MalformedLicenceKeyException("The key file has no " + name + " field");
            }
        }
        if (!fields.get(FORMAT).equals("1")) {
            throw new MalformedLicenceKeyException("Key file format " + fields.get(FORMAT)
                    + " is newer than this version of Bulwark reads (format 1)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new MalformedLicenceKeyException("The signature is not base64");
        }
        return new Parsed(fields, signed.toString(), bytes);
    }

    /**
     * Writes and signs a key file for the given facts (their {@code authorityKeyId} and {@code sha256}
     * are ignored: the authority's id is written, the hash follows from the file).
     */
    public static String issue(LicenceKeyFacts facts, Instant issued, LicenceAuthority authority) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(FORMAT, "1");
        fields.put(NUMBER, value(NUMBER, facts.licenceNumber()));
        fields.put(HOLDER, value(HOLDER, facts.holder()));
        fields.put(PRODUCT, value(PRODUCT, facts.product() == null ? PRODUCT_NAME : facts.product()));
        fields.put(UNIT, value(UNIT, facts.licensingUnit() == null ? "mailboxes" : facts.licensingUnit()));
        fields.put(LIMIT, Long.toString(facts.unitLimit()));
        fields.put(TYPE, facts.type().name().toLowerCase(Locale.ROOT));
        fields.put(FUNCTIONALITY, facts.functionality().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        fields.put(START, facts.start().toString());
        fields.put(EXPIRY, facts.expiry().toString());
        fields.put(GRACE, Integer.toString(facts.graceDays()));
        fields.put(ISSUED, issued.toString());
        fields.put(AUTHORITY, authority.keyId());
        if (!facts.expiry().isAfter(facts.start())) {
            throw new IllegalArgumentException("The expiry must be after the start");
        }
        StringBuilder signed = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!signed.isEmpty()) {
                signed.append('\n');
            }
            signed.append(name).append(": ").append(value);
        });
        return BEGIN + "\n" + signed + "\n" + SIGNATURE + ": " + authority.sign(signed.toString()) + "\n" + END + "\n";
    }

    private static String value(String name, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must be a non-empty single line");
        }
        return v;
    }
}
