package io.bulwark.scan.antivirus.signatures;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The digital signature in a {@code .cvd} header, as ClamAV's loader checks it: the signature field
 * is a number written in 6-bit digits, least significant first, over the alphabet
 * {@code a-z A-Z 0-9 + /}, 171 digits; raised to the public exponent modulo the public modulus it
 * must give, in its low 16 bytes, the payload MD5 that the header states. (Textbook RSA over the
 * MD5, without padding: the format dates from 2003 and is what every published {@code .cvd}
 * carries.)
 *
 * <p>{@link #CLAMAV} is ClamAV's published database key (libclamav's {@code CLI_NSTR} and
 * {@code CLI_ESTR}, both decimal). Checked against a header of a real {@code daily.cvd} in
 * {@code CvdSignatureTest}. Other keys exist for tests and for private mirrors that sign their
 * own containers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param modulus  the public modulus
 * @param exponent the public exponent
 */
public record CvdSignature(BigInteger modulus, BigInteger exponent) {
    /** ClamAV's database signing key. */
    public static final CvdSignature CLAMAV = new CvdSignature(new BigInteger(
            "1186409955516453426030700016584531897515277744120277437465994057432431426074641447673610606406558447497"
                    + "6078889002228342492276248891756555100246777110966959818941043469903453223222862159108950817859142"
                    + "8456220796841621637175567590476666928698770143328137383952820383197532047771780196576957695822641"
                    + "224262693037"), new BigInteger("100001027"));

    private static final String DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
    /** ClamAV accepts signatures of exactly this many digits. */
    static final int LENGTH = 171;

    public CvdSignature {
        Objects.requireNonNull(modulus, "modulus");
        Objects.requireNonNull(exponent, "exponent");
    }

    /**
     * A key written as {@code MODULUS:EXPONENT}, both decimal (the way libclamav writes its own),
     * e.g. an operator's mirror that signs its own containers.
     *
     * @throws IllegalArgumentException when the text is not two positive decimal numbers
     */
    public static CvdSignature parse(String text) {
        String[] f = text == null ? new String[0] : text.strip().split("\\s*:\\s*");
        try {
            if (f.length == 2) {
                BigInteger n = new BigInteger(f[0]);
                BigInteger e = new BigInteger(f[1]);
                if (n.signum() > 0 && e.signum() > 0) {
                    return new CvdSignature(n, e);
                }
            }
        } catch (NumberFormatException ignored) {
            // refused below, with the expected form
        }
        throw new IllegalArgumentException("a container signing key is MODULUS:EXPONENT, both decimal");
    }

    /** {@code MODULUS:EXPONENT}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return modulus + ":" + exponent;
    }

    /** Whether {@code signature} signs {@code md5Hex} (32 hex digits, as in the header). */
    boolean verifies(String md5Hex, String signature) {
        if (md5Hex.length() != 32 || signature.length() != LENGTH) {
            return false;
        }
        BigInteger value = decode(signature);
        if (value == null) {
            return false;
        }
        BigInteger plain = value.modPow(exponent, modulus);
        byte[] low = new byte[16];
        byte[] all = plain.toByteArray();
        int n = Math.min(16, all.length);
        System.arraycopy(all, all.length - n, low, 16 - n, n);
        return HexFormat.of().formatHex(low).equals(md5Hex.toLowerCase(Locale.ROOT));
    }

    /**
     * The signature field for an MD5 under this key's private exponent: what an operator's own
     * mirror (and a test) writes into the headers of the containers it builds, so that nodes
     * configured with this key accept them. ClamAV's own containers are signed by ClamAV only.
     */
    public String sign(String md5Hex, BigInteger privateExponent) {
        BigInteger m = new BigInteger(1, HexFormat.of().parseHex(md5Hex));
        return encode(m.modPow(privateExponent, modulus), LENGTH);
    }

    /** The signature's number, or null when a character is not a digit of the alphabet. */
    static BigInteger decode(String signature) {
        BigInteger value = BigInteger.ZERO;
        for (int i = signature.length() - 1; i >= 0; i--) {
            int digit = DIGITS.indexOf(signature.charAt(i));
            if (digit < 0) {
                return null;
            }
            value = value.shiftLeft(6).or(BigInteger.valueOf(digit));
        }
        return value;
    }

    /** The inverse of {@link #decode}, {@code digits} long (tests sign with their own keys). */
    static String encode(BigInteger value, int digits) {
        StringBuilder out = new StringBuilder(digits);
        BigInteger v = value;
        for (int i = 0; i < digits; i++) {
            out.append(DIGITS.charAt(v.intValue() & 63));
            v = v.shiftRight(6);
        }
        return out.toString();
    }
}
