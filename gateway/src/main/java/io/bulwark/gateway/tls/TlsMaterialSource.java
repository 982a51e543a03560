package io.bulwark.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Where the listener's certificate and key come from: PEM files, a PKCS#12 keystore, a generated
 * self-signed certificate, and later the certificate-management projection (which will call
 * {@link ServerTls#install} instead of going through files).
 *
 * <p>Implementations are called from the reload path only, never per handshake, so they may do
 * blocking I/O. Thread-safe.
 */
public interface TlsMaterialSource {

    /** Reads (or creates) the current material. */
    TlsMaterial load() throws IOException, GeneralSecurityException;

    /** Files whose change means {@link #load()} would return something new; empty: nothing to watch. */
    List<Path> watchedFiles();
}
