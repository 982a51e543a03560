package io.bulwark.admin.cef.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Opens connections to syslog targets; holds the TLS trust. Thread-safe. */
public final class SyslogConnections {
    private final SSLContext tls;

    /**
     * @param caFile PEM file of the certificate authorities a TLS target's certificate must chain to
     *               ({@code bulwark.cef.tls.ca-file}); null for the JDK's default trust store
     */
    public SyslogConnections(Path caFile) {
        try {
            this.tls = caFile == null ? SSLContext.getDefault() : context(caFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("bulwark.cef.tls.ca-file: cannot read the CA certificates in "
                    + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Opens a connection (for TLS: handshake done). */
    public SyslogConnection open(SyslogTarget target) throws IOException {
        return switch (target.transport()) {
            case UDP -> new UdpSyslogConnection(target);
            case TCP -> StreamSyslogConnection.tcp(target);
            case TLS -> StreamSyslogConnection.tls(target, tls);
        };
    }

    private static SSLContext context(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(caFile)) {
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
}
