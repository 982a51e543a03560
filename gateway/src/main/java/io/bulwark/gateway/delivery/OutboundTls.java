package io.bulwark.gateway.delivery;

import io.bulwark.gateway.routing.TlsPolicy;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.xbill.DNS.Address;

/**
 * Client-side STARTTLS for delivery (RFC 3207), with the certificate check every policy needs:
 * the chain is always checked against the trust anchors (the JDK's plus an optional extra store)
 * and the next hop's name (RFC 6125, the JDK's HTTPS identity rules), but only {@code verify}
 * makes a failed check fatal; {@code may} and {@code encrypt} record it ({@code peerVerified}) and
 * carry on, as Postfix's opportunistic and mandatory-unauthenticated levels do.
 *
 * <p>One {@link SSLContext} per connection, because the recording trust manager is per connection;
 * the cost is negligible next to the handshake. TLS 1.2 and 1.3 only. Thread-safe.
 */
public final class OutboundTls {
    private final List<X509ExtendedTrustManager> anchors;
    private final String[] protocols;

    /**
     * @param extraAnchors trust anchors added to the JDK's (e.g. an internal CA), or null
     * @param protocols    enabled protocols (TLS 1.2/1.3)
     */
    public OutboundTls(KeyStore extraAnchors, List<String> protocols) throws GeneralSecurityException {
        List<X509ExtendedTrustManager> managers = new ArrayList<>();
        if (extraAnchors != null) {
            managers.add(trustManager(extraAnchors));
        }
        managers.add(trustManager(null));
        this.anchors = List.copyOf(managers);
        this.protocols = protocols.toArray(String[]::new);
    }

    /** An established TLS layer and what the certificate check found. */
    record Handshake(SSLSocket socket, boolean verified, String verificationFailure) {
    }

    /** Raised when {@code verify} finds the certificate untrusted or for another name. */
    static final class VerificationFailure extends IOException {
        VerificationFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * Runs the handshake over an open connection after the next hop answered 220 to STARTTLS.
     *
     * @param host the name to verify: the MX host name, or the literal of a bracketed next hop
     * @throws VerificationFailure under {@code verify} when the check fails
     * @throws IOException         when the handshake fails for any other reason
     */
    Handshake handshake(Socket plain, String host, int port, TlsPolicy policy) throws IOException {
        Recorder recorder = new Recorder(anchors, policy == TlsPolicy.VERIFY);
        SSLSocket ssl;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recorder}, null);
            ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create a TLS context", e);
        }
        ssl.setUseClientMode(true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(protocols);
        // The identity check runs inside the trust manager; the recorder decides whether it is fatal.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!Address.isDottedQuad(host) && !host.contains(":")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            if (recorder.failure != null && policy == TlsPolicy.VERIFY) {
                throw new VerificationFailure(recorder.failure.getMessage(), e);
            }
            throw e;
        }
        return new Handshake(ssl, recorder.failure == null,
                recorder.failure == null ? null : recorder.failure.getMessage());
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager available");
    }

    /**
     * Checks the server chain against each anchor set in turn (trusted when one accepts it,
     * identity included) and either records or throws the failure.
     */
    private static final class Recorder extends X509ExtendedTrustManager {
        private final List<X509ExtendedTrustManager> anchors;
        private final boolean enforce;
        private CertificateException failure;

        Recorder(List<X509ExtendedTrustManager> anchors, boolean enforce) {
            this.anchors = anchors;
            this.enforce = enforce;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            // The first failure is reported: the extra anchors come first, and for a certificate
            // they do anchor, their complaint (e.g. the host name) is the informative one.
            CertificateException first = null;
            for (X509ExtendedTrustManager anchor : anchors) {
                try {
                    anchor.checkServerTrusted(chain, authType, socket);
                    failure = null;
                    return;
                } catch (CertificateException e) {
                    first = first == null ? e : first;
                }
            }
            failure = first;
            if (enforce) {
                throw first;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("SSLEngine is not used by the delivery client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the delivery client always checks with its socket (host name)");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
