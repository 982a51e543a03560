package io.bulwark.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Certificate and key from files chosen by the administrator: a PEM pair
 * ({@code bulwark.tls.certificate-file}, {@code key-file}) or a PKCS#12 keystore
 * ({@code bulwark.tls.keystore}). Both files are watched, so replacing them (e.g. by an ACME
 * client) is picked up without restart. Immutable and thread-safe.
 */
public final class FileTlsMaterialSource implements TlsMaterialSource {
    private final Path certificateFile;
    private final Path keyFile;
    private final Path keystore;
    private final char[] password;

    private FileTlsMaterialSource(Path certificateFile, Path keyFile, Path keystore, String password) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.keystore = keystore;
        this.password = password == null ? null : password.toCharArray();
    }

    /** A PEM certificate chain and key; {@code keyPassword} only for an encrypted key. */
    public static FileTlsMaterialSource pem(Path certificateFile, Path keyFile, String keyPassword) {
        return new FileTlsMaterialSource(certificateFile, keyFile, null, keyPassword);
    }

    /** A PKCS#12 keystore (its first key entry). */
    public static FileTlsMaterialSource keystore(Path keystore, String password) {
        return new FileTlsMaterialSource(null, null, keystore, password);
    }

    @Override
    public TlsMaterial load() throws IOException, GeneralSecurityException {
        if (keystore != null) {
            return Pem.readKeyStore(keystore, password == null ? new char[0] : password);
        }
        return new TlsMaterial(Pem.readPrivateKey(keyFile, password), Pem.readCertificates(certificateFile));
    }

    @Override
    public List<Path> watchedFiles() {
        return keystore != null ? List.of(keystore) : List.of(certificateFile, keyFile);
    }
}
