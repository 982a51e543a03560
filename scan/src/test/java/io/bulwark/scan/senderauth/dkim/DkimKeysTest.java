package io.bulwark.scan.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeysTest {

    @Test
    void rsaKeysAre2048BitsAndPublishTheirSubjectPublicKeyInfo() {
        KeyPair pair = DkimKeys.generate("rsa-2048");
        assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        String record = DkimKeys.dnsRecord(pair.getPublic());
        assertThat(record).startsWith("v=DKIM1; k=rsa; p=");
        byte[] p = Base64.getDecoder().decode(record.substring(record.indexOf("p=") + 2));
        assertThat(p).isEqualTo(pair.getPublic().getEncoded());
        assertThat(DkimKeys.algorithmOf(pair.getPublic())).isEqualTo(DkimKeys.RSA_SHA256);
    }

    @Test
    void ed25519KeysPublishTheRaw32Bytes() {
        KeyPair pair = DkimKeys.generate("ed25519");
        String record = DkimKeys.dnsRecord(pair.getPublic());
        assertThat(record).startsWith("v=DKIM1; k=ed25519; p=");
        byte[] p = Base64.getDecoder().decode(record.substring(record.indexOf("p=") + 2));
        assertThat(p).hasSize(32);
        byte[] der = pair.getPublic().getEncoded();
        assertThat(java.util.Arrays.copyOfRange(der, der.length - 32, der.length)).isEqualTo(p);
        assertThat(DkimKeys.algorithmOf(pair.getPublic())).isEqualTo(DkimKeys.ED25519_SHA256);
    }

    @Test
    void privateKeysReadBackFromPkcs8() {
        KeyPair pair = DkimKeys.generate("ed25519");
        assertThat(DkimKeys.privateKey(pair.getPrivate().getEncoded(), DkimKeys.ED25519_SHA256).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThatThrownBy(() -> DkimKeys.privateKey(new byte[] {1, 2, 3}, DkimKeys.RSA_SHA256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownKeyTypesAreRefusedByName() {
        assertThatThrownBy(() -> DkimKeys.generate("rsa-512")).hasMessageContaining("rsa-2048 or ed25519");
    }

    @Test
    void signingKeysMustSignFrom() {
        KeyPair pair = DkimKeys.generate("ed25519");
        assertThatThrownBy(() -> new SigningKey("example.com", "s1", DkimKeys.ED25519_SHA256, pair.getPrivate(),
                java.util.List.of("Subject"), null, null)).hasMessageContaining("From");
        assertThat(new SigningKey("Example.COM", "s1", DkimKeys.ED25519_SHA256, pair.getPrivate(), null, null, null)
                .domain()).isEqualTo("example.com");
    }
}
