package io.bulwark.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * PEM and keystore reading and writing (BouncyCastle), shared by the certificate sources and the
 * outbound trust store. The BouncyCastle provider is used as an instance, never registered
 * globally, so the rest of the JVM keeps its own provider order. Stateless and thread-safe.
 */
public final class Pem {
    private static final Provider BC = new BouncyCastleProvider();
    /** PBKDF2 rounds for keys we encrypt: slow enough to hurt guessing, fast enough for a start-up. */
    private static final int PBKDF2_ITERATIONS = 200_000;

    private Pem() {
    }

    /** Every certificate in a PEM file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(holder.getEncoded())));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return chain;
    }

    /**
     * The first private key in a PEM file: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
     * ({@code ENCRYPTED PRIVATE KEY}), or OpenSSL's traditional RSA/EC forms, optionally encrypted.
     *
     * @param password for an encrypted key; null when the key is not encrypted
     */
    public static PrivateKey readPrivateKey(Path file, char[] password) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return readPrivateKey(reader, password, file.toString());
        }
    }

    static PrivateKey readPrivateKey(Reader reader, char[] password, String name)
            throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                switch (item) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        return converter.getKeyPair(pair).getPrivate();
                    }
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> {
                        requirePassword(password, name);
                        try {
                            return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
                        } catch (OperatorCreationException | PKCSException e) {
                            throw new GeneralSecurityException("cannot decrypt the private key in " + name, e);
                        }
                    }
                    case PEMEncryptedKeyPair encrypted -> {
                        requirePassword(password, name);
                        PEMDecryptorProvider decryptor = new JcePEMDecryptorProviderBuilder().setProvider(BC)
                                .build(password);
                        return converter.getKeyPair(encrypted.decryptKeyPair(decryptor)).getPrivate();
                    }
                    default -> {
                        // certificates or parameters before the key: keep looking
                    }
                }
            }
        }
        throw new GeneralSecurityException("no private key in " + name);
    }

    private static void requirePassword(char[] password, String name) throws GeneralSecurityException {
        if (password == null) {
            throw new GeneralSecurityException("the private key in " + name + " is encrypted; set its password");
        }
    }

    /** PEM text of a key encrypted as PKCS#8 PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC). */
    public static String encryptedPrivateKey(PrivateKey key, char[] password) throws GeneralSecurityException {
        try {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                        PKCS8Generator.AES_256_CBC)
                        .setProvider(BC)
                        .setPRF(PKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(PBKDF2_ITERATIONS)
                        .setPassword(password)
                        .build()));
            }
            return text.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot encrypt the private key", e);
        }
    }

    /** PEM text of certificates. */
    public static String certificates(List<X509Certificate> chain) throws IOException {
        StringWriter text = new StringWriter();
        try (Writer writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : chain) {
                ((JcaPEMWriter) writer).writeObject(certificate);
            }
        }
        return text.toString();
    }

    /**
     * A trust store from a file: PKCS#12 when it is one (binary), else every certificate of a PEM
     * file as a trusted entry.
     */
    public static KeyStore readTrustStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1);
        if (head.contains("-----BEGIN")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate certificate : readCertificates(file)) {
                store.setCertificateEntry("anchor-" + i++, certificate);
            }
            return store;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(bytes), password);
        return store;
    }

    /** The first key entry of a PKCS#12 keystore with its chain. */
    public static TlsMaterial readKeyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) store.getKey(alias, password);
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) certificate);
                }
                return new TlsMaterial(key, chain);
            }
        }
        throw new GeneralSecurityException("no key entry in " + file);
    }
}
