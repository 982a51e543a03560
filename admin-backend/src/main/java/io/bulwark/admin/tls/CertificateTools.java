package io.bulwark.admin.tls;

import io.bulwark.events.tls.CertificateDetails;
import io.bulwark.events.tls.TlsKeyType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Certificate craft with BouncyCastle: keys, self-signed certificates, PKCS#10 requests, and
 * reading what administrators upload (PEM chains, PEM keys in every common form, PKCS#12). Pure
 * functions of their inputs (and a random source); no storage. Thread-safe.
 */
public final class CertificateTools {
    /** Longest validity of a self-signed certificate created here (10 years). */
    public static final int MAX_DAYS = 3650;
    private static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private CertificateTools() {
    }

    /** A fresh key pair. */
    public static KeyPair generateKeyPair(TlsKeyType type) throws GeneralSecurityException {
        return switch (type) {
            case RSA_2048 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                yield generator.generateKeyPair();
            }
            case EC_P256 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                yield generator.generateKeyPair();
            }
        };
    }

    /** The subject DN for a common name (escaped as RFC 4514 requires). */
    public static X500Name subject(String commonName) {
        if (commonName == null || commonName.isBlank() || commonName.length() > 64) {
            throw new InvalidCertificateCommandException("The common name (CN) must be 1-64 characters");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName.strip()).build();
    }

    /** Checks subjectAltNames: DNS names (a leading {@code *.} allowed) or IP addresses. */
    public static List<String> checkedNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String raw : names == null ? List.<String>of() : names) {
            String name = raw == null ? "" : raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!DNS_NAME.matcher(name).matches() && !IP_LITERAL.matcher(name).matches()) {
                throw new InvalidCertificateCommandException("Not a DNS name or IP address: '" + name + "'");
            }
            if (!out.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** A self-signed server certificate for the key, valid from now for {@code days}. */
    public static X509Certificate selfSigned(KeyPair keys, String commonName, List<String> names, int days,
            Instant now) throws GeneralSecurityException {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidCertificateCommandException("Validity must be 1 to " + MAX_DAYS + " days");
        }
        X500Name subject = subject(commonName);
        List<String> sans = checkedNames(names.isEmpty() ? List.of(commonName) : names);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(days))), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keys.getPublic() instanceof RSAPublicKey
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(sans));
            }
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(signer(keys.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate", e);
        }
    }

    /** A PKCS#10 request (PEM) for the key, asking for the names as subjectAltName. */
    public static String csr(KeyPair keys, String commonName, List<String> names) throws GeneralSecurityException {
        List<String> sans = checkedNames(names.isEmpty() ? List.of(commonName) : names);
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject(commonName),
                    keys.getPublic());
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, generalNames(sans));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            PKCS10CertificationRequest request = builder.build(signer(keys.getPrivate()));
            return pem(request);
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the request", e);
        }
    }

    /**
     * A TLS context that trusts exactly the certificates in a PEM file (a CA bundle, or one
     * self-signed certificate such as the console's own): the one home for clients that trust a
     * file, the CEF syslog sender's {@code bulwark.cef.tls.ca-file} among them. Host names are still
     * checked by whoever uses it.
     *
     * @throws GeneralSecurityException if the file holds no certificate
     */
    public static SSLContext trusting(Path pemFile) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, certificate);
            }
        }
        if (n == 0) {
            throw new GeneralSecurityException("no certificate in the file");
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Every certificate in a PEM text, in order. */
    public static List<X509Certificate> readChain(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCertificateCommandException("A PEM certificate chain is required");
        }
        try {
            Collection<? extends Certificate> read = x509()
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            List<X509Certificate> chain = read.stream().map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new InvalidCertificateCommandException("No certificate found in the PEM text");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new InvalidCertificateCommandException("Not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** A private key in PEM: PKCS#8 (plain or encrypted), PKCS#1 RSA or SEC1 EC (plain or encrypted). */
    public static PrivateKey readKey(String pem, char[] password) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCertificateCommandException("A PEM private key is required");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            // The JDK's key classes, not BouncyCastle's: they are stored and reloaded by algorithm name
            // ("RSA", "EC") and used by the JDK's TLS.
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    // Only the private part: SEC1 EC keys often come without their public key.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(password);
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(password);
                    return converter.getPrivateKey(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)).getPrivateKeyInfo());
                }
            }
            throw new InvalidCertificateCommandException("No private key found in the PEM text");
        } catch (IOException | OperatorCreationException | PKCSException e) {
            throw new InvalidCertificateCommandException("Cannot read the private key (wrong password?): "
                    + e.getMessage(), e);
        }
    }

    /** Key and chain of the first key entry of a PKCS#12 file. */
    public static Imported readPkcs12(byte[] pkcs12, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (key != null && chain != null && chain.length > 0) {
                        List<X509Certificate> certificates = new ArrayList<>();
                        for (Certificate c : chain) {
                            certificates.add((X509Certificate) c);
                        }
                        return new Imported(key, certificates);
                    }
                }
            }
            throw new InvalidCertificateCommandException("The PKCS#12 file has no key with a certificate");
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidCertificateCommandException("Cannot read the PKCS#12 file (wrong password?): "
                    + e.getMessage(), e);
        }
    }

    /** A key and its chain, leaf first. */
    public record Imported(PrivateKey key, List<X509Certificate> chain) {
        @Override
        public String toString() {
            return "Imported[" + chain.getFirst().getSubjectX500Principal() + "]"; // never the key
        }
    }

    /**
     * Puts the certificate of the key first (uploads often list the CA first) and checks that the key
     * fits a server certificate: RSA of at least 2048 bits, or EC.
     */
    public static List<X509Certificate> leafFirst(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate leaf = chain.stream().filter(c -> matches(key, c.getPublicKey())).findFirst()
                .orElseThrow(() -> new InvalidCertificateCommandException(
                        "The private key does not belong to any certificate of the chain"));
        PublicKey publicKey = leaf.getPublicKey();
        if (publicKey instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new InvalidCertificateCommandException("RSA keys need at least 2048 bits");
        }
        if (!(publicKey instanceof RSAPublicKey) && !(publicKey instanceof ECPublicKey)) {
            throw new InvalidCertificateCommandException("Only RSA and EC keys are supported");
        }
        List<X509Certificate> ordered = new ArrayList<>(List.of(leaf));
        chain.stream().filter(c -> c != leaf).forEach(ordered::add);
        return ordered;
    }

    /** Whether the private key belongs to the public key: a signature made with one verifies with the other. */
    public static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!family(key.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            String algorithm = family(key.getAlgorithm()).equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** "EC" for every name providers give elliptic-curve keys ("EC", "ECDSA"). */
    private static String family(String algorithm) {
        return algorithm.startsWith("EC") ? "EC" : algorithm;
    }

    /** The public facts of a chain's leaf. */
    public static CertificateDetails details(List<X509Certificate> chain) {
        X509Certificate leaf = chain.getFirst();
        try {
            List<String> names = new ArrayList<>();
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> name : leaf.getSubjectAlternativeNames()) {
                    int type = (Integer) name.get(0);
                    if (type == GeneralName.dNSName || type == GeneralName.iPAddress) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
            return new CertificateDetails(leaf.getSubjectX500Principal().getName(),
                    leaf.getIssuerX500Principal().getName(), names, leaf.getSerialNumber().toString(16),
                    leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), fingerprint,
                    keyAlgorithm(leaf.getPublicKey()), chain.size());
        } catch (GeneralSecurityException e) {
            throw new InvalidCertificateCommandException("Cannot read the certificate: " + e.getMessage(), e);
        }
    }

    /** PEM text of certificates, requests and other BouncyCastle/JCA objects. */
    public static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory cannot fail", e);
        }
        return out.toString();
    }

    /** PEM text of a chain. */
    public static String pem(List<X509Certificate> chain) {
        return pem(chain.toArray());
    }

    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return key.getAlgorithm();
    }

    private static GeneralNames generalNames(List<String> names) throws IOException {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            general.add(IP_LITERAL.matcher(name).matches() && isAddress(name)
                    ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    private static boolean isAddress(String name) {
        try {
            // Only literals reach here (the pattern), so no lookup happens.
            InetAddress.getByName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
                .setProvider(BC).build(key);
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new InvalidCertificateCommandException("The private key is encrypted: give its password");
        }
    }

    private static CertificateFactory x509() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509");
    }
}
