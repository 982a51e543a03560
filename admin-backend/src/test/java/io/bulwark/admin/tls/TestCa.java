package io.bulwark.admin.tls;

import io.bulwark.events.tls.TlsKeyType;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** A throw-away certificate authority for tests: signs requests and issues key + chain pairs. */
public final class TestCa {
    final KeyPair keys;
    public final X509Certificate certificate;

    public TestCa() throws Exception {
        keys = CertificateTools.generateKeyPair(TlsKeyType.RSA_2048);
        X500Name name = new X500Name("CN=Bulwark Test CA");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(1),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    /** Signs a PKCS#10 request (PEM) for {@code days}; returns the leaf. */
    X509Certificate sign(String csrPem, int days) throws Exception {
        PKCS10CertificationRequest request;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            request = (PKCS10CertificationRequest) parser.readObject();
        }
        JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate,
                BigInteger.valueOf(System.nanoTime()), Date.from(now.minus(Duration.ofMinutes(1))),
                Date.from(now.plus(Duration.ofDays(days))), request.getSubject(), jca.getPublicKey());
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    /** A new key and a certificate for it signed by this CA. */
    CertificateTools.Imported issue(String commonName, TlsKeyType type, int days) throws Exception {
        KeyPair leafKeys = CertificateTools.generateKeyPair(type);
        X509Certificate leaf = sign(CertificateTools.csr(leafKeys, commonName, List.of(commonName)), days);
        return new CertificateTools.Imported(leafKeys.getPrivate(), List.of(leaf, certificate));
    }

    /**
     * A server key and certificate for a loopback TLS server, naming {@code 127.0.0.1} and
     * {@code localhost} in its subjectAltName (what a client's endpoint check compares).
     */
    public CertificateTools.Imported issueLoopbackServer() throws Exception {
        KeyPair leafKeys = CertificateTools.generateKeyPair(TlsKeyType.RSA_2048);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate,
                BigInteger.valueOf(System.nanoTime()), Date.from(now.minus(Duration.ofMinutes(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=localhost"), leafKeys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new org.bouncycastle.asn1.x509.GeneralNames(
                new org.bouncycastle.asn1.x509.GeneralName[] {
                    new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.iPAddress,
                            "127.0.0.1"),
                    new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.dNSName,
                            "localhost")}));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        return new CertificateTools.Imported(leafKeys.getPrivate(), List.of(leaf, certificate));
    }

    /** The same as a PKCS#12 file. */
    static byte[] pkcs12(CertificateTools.Imported imported, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", imported.key(), password, imported.chain().toArray(Certificate[]::new));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
