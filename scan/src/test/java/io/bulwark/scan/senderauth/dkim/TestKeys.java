package io.bulwark.scan.senderauth.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HexFormat;

/** The public test keys of the DKIM corpora (RFC 8463 A.1, dkimpy), read from test resources. */
final class TestKeys {
    /** PKCS#8 PrivateKeyInfo header for an Ed25519 seed (RFC 8410 7). */
    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    /** PKCS#8 version 0 and the rsaEncryption AlgorithmIdentifier (RFC 5208, RFC 8017 A.1). */
    private static final byte[] RSA_PKCS8_HEAD = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");

    private TestKeys() {
    }

    static byte[] resource(String path) {
        try (InputStream in = TestKeys.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String path) {
        return new String(resource(path), StandardCharsets.ISO_8859_1);
    }

    /** An Ed25519 private key from its base64 seed. */
    static PrivateKey ed25519(String seedResource) {
        byte[] seed = Base64.getDecoder().decode(text(seedResource).strip());
        byte[] pkcs8 = new byte[ED25519_PKCS8_PREFIX.length + seed.length];
        System.arraycopy(ED25519_PKCS8_PREFIX, 0, pkcs8, 0, ED25519_PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, pkcs8, ED25519_PKCS8_PREFIX.length, seed.length);
        return DkimKeys.privateKey(pkcs8, DkimKeys.ED25519_SHA256);
    }

    /** An RSA private key from a PEM "RSA PRIVATE KEY" (PKCS#1), wrapped into PKCS#8 for the JDK. */
    static PrivateKey rsa(String pemResource) {
        String base64 = text(pemResource).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] pkcs1 = Base64.getDecoder().decode(base64);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(RSA_PKCS8_HEAD);
        body.writeBytes(tlv(0x04, pkcs1));
        return DkimKeys.privateKey(tlv(0x30, body.toByteArray()), DkimKeys.RSA_SHA256);
    }

    /** A TXT value as character-strings of at most 255 octets (RFC 1035 3.3.14), as DKIM publishers split keys. */
    static String[] txtStrings(String value) {
        int n = (value.length() + 254) / 255;
        String[] parts = new String[Math.max(1, n)];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = value.substring(Math.min(value.length(), i * 255), Math.min(value.length(), (i + 1) * 255));
        }
        return parts;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
