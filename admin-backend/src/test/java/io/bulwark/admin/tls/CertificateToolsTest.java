package io.bulwark.admin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.tls.TlsKeyType;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key and certificate craft: every key form an administrator may upload reads back to the same key. */
class CertificateToolsTest {

    static String encryptedPem(PrivateKey key, String password) throws Exception {
        var encryptor = new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(
                org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .setPasssword(password.toCharArray()).build();
        return CertificateTools.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, encryptor).generate());
    }

    @Test
    void readsPlainAndEncryptedPkcs8Keys() throws Exception {
        for (TlsKeyType type : TlsKeyType.values()) {
            KeyPair keys = CertificateTools.generateKeyPair(type);
            String pkcs8 = CertificateTools.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(),
                    null).generate());
            assertThat(CertificateTools.matches(CertificateTools.readKey(pkcs8, null), keys.getPublic())).isTrue();
            if (type == TlsKeyType.RSA_2048) { // PKCS#1, as openssl genrsa -traditional writes it
                assertThat(CertificateTools.matches(CertificateTools.readKey(CertificateTools.pem(keys.getPrivate()),
                        null), keys.getPublic())).isTrue();
            }
            String encrypted = encryptedPem(keys.getPrivate(), "s3cret");
            assertThat(encrypted).contains("ENCRYPTED PRIVATE KEY");
            assertThat(CertificateTools.matches(CertificateTools.readKey(encrypted, "s3cret".toCharArray()),
                    keys.getPublic())).isTrue();
            assertThatThrownBy(() -> CertificateTools.readKey(encrypted, null)).hasMessageContaining("password");
            assertThatThrownBy(() -> CertificateTools.readKey(encrypted, "wrong".toCharArray()))
                    .isInstanceOf(InvalidCertificateCommandException.class);
        }
    }

    @Test
    void aSelfSignedCertificateCarriesTheNamesAndMatchesItsKey() throws Exception {
        KeyPair keys = CertificateTools.generateKeyPair(TlsKeyType.EC_P256);
        var certificate = CertificateTools.selfSigned(keys, "mx.example.com", List.of("mx.example.com", "192.0.2.1"),
                30, Instant.now());
        var details = CertificateTools.details(List.of(certificate));
        assertThat(details.subject()).isEqualTo("CN=mx.example.com");
        assertThat(details.subjectAltNames()).containsExactly("mx.example.com", "192.0.2.1");
        assertThat(details.keyAlgorithm()).isEqualTo("EC P-256");
        assertThat(details.selfSigned()).isTrue();
        assertThat(CertificateTools.matches(keys.getPrivate(), certificate.getPublicKey())).isTrue();
        KeyPair other = CertificateTools.generateKeyPair(TlsKeyType.EC_P256);
        assertThat(CertificateTools.matches(other.getPrivate(), certificate.getPublicKey())).isFalse();
    }
}
