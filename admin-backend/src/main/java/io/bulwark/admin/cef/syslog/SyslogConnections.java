package io.bulwark.admin.cef.syslog;

import io.bulwark.admin.tls.CertificateTools;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

/** Opens connections to syslog targets; holds the TLS trust. Thread-safe. */
public final class SyslogConnections {
    private final SSLContext tls;

    /**
     * @param caFile PEM file of the certificate authorities a TLS target's certificate must chain to
     *               ({@code bulwark.cef.tls.ca-file}); null for the JDK's default trust store
     */
    public SyslogConnections(Path caFile) {
        try {
            this.tls = caFile == null ? SSLContext.getDefault() : CertificateTools.trusting(caFile);
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
}
