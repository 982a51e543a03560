package io.bulwark.gateway.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Address;

/**
 * A self-signed certificate generated on first use and kept under {@code <dataDir>/tls}, so that
 * STARTTLS works out of the box (opportunistic TLS between MTAs rarely verifies certificates, and
 * an encrypted session beats plain text).
 *
 * <p>Files: {@code selfsigned-cert.pem} (public), {@code selfsigned-key.pem} (PKCS#8 encrypted
 * with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC) and {@code secret} (32 random bytes, base64,
 * mode 0600), the password of the key. Threat model, honestly: the encryption protects the key
 * when the key file travels alone (a copied certificate directory, a support bundle, a backup that
 * excludes {@code secret}); it does not protect against anyone who can read the whole data
 * directory as the service user, who can read the secret too. A real certificate from an
 * administrator (PEM files or keystore) replaces this one.
 *
 * <p>A new certificate is generated when none exists, when it expires within 30 days, or when the
 * key cannot be decrypted (the secret was lost). Thread-safe (synchronised).
 */
public final class SelfSignedTlsMaterialSource implements TlsMaterialSource {
    private static final Logger log = LoggerFactory.getLogger(SelfSignedTlsMaterialSource.class);
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path directory;
    private final List<String> names;
    private final Clock clock;

    /**
     * @param directory where the files live (created if needed)
     * @param names     subject alternative names: host names or IP literals; the first is the CN
     */
    public SelfSignedTlsMaterialSource(Path directory, List<String> names, Clock clock) {
        this.directory = directory;
        this.names = List.copyOf(names);
        this.clock = clock;
    }

    @Override
    public synchronized TlsMaterial load() throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        char[] secret = secret();
        Path certificateFile = directory.resolve("selfsigned-cert.pem");
        Path keyFile = directory.resolve("selfsigned-key.pem");
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            try {
                TlsMaterial existing = new TlsMaterial(Pem.readPrivateKey(keyFile, secret),
                        Pem.readCertificates(certificateFile));
                if (existing.leaf().getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE))) {
                    return existing;
                }
                log.info("self-signed certificate {} expires soon; generating a new one", existing.describe());
            } catch (GeneralSecurityException e) {
                log.warn("cannot read the self-signed key in {} ({}); generating a new one", directory,
                        e.getMessage());
            }
        }
        TlsMaterial fresh = generate(names, clock.instant(), VALIDITY);
        writeAtomically(keyFile, Pem.encryptedPrivateKey(fresh.key(), secret), true);
        writeAtomically(certificateFile, Pem.certificates(fresh.chain()), false);
        log.info("generated self-signed certificate {}", fresh.describe());
        return fresh;
    }

    @Override
    public List<Path> watchedFiles() {
        return List.of();
    }

    /**
     * A new RSA-2048 key and a self-signed certificate for {@code names} (server authentication).
     * Public for tests that need a next hop with its own certificate.
     */
    public static TlsMaterial generate(List<String> names, Instant notBefore, Duration validity)
            throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, names.getFirst()).build();
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add(Address.isDottedQuad(name) || name.contains(":")
                    ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(notBefore.minus(Duration.ofMinutes(5))),
                    Date.from(notBefore.plus(validity)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new TlsMaterial(pair.getPrivate(), List.of(certificate));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot create a self-signed certificate", e);
        }
    }

    /** The per-install secret, created once with owner-only permissions. */
    private char[] secret() throws IOException {
        Path file = directory.resolve("secret");
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String text = Base64.getEncoder().encodeToString(random);
            try {
                if (supportsPosix()) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, text, StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException e) {
                // another node process won the race; use its secret
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
    }

    private boolean supportsPosix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private void writeAtomically(Path target, String content, boolean secretFile) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secretFile && supportsPosix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
