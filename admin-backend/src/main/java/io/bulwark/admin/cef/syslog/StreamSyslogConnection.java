package io.bulwark.admin.cef.syslog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Syslog over TCP with octet counting (RFC 6587 3.4.1) or over TLS (RFC 5425, the same framing).
 *
 * <p>What "accepted" can mean here: plain syslog over TCP or TLS has no application-level
 * acknowledgement (RELP has; these RFCs do not). A successful write only says the bytes are in our
 * kernel's send buffer. {@link #confirm()} therefore flushes and then <em>probes</em> the connection:
 * a short read that must time out. A target that closed the connection (rsyslog stopping sends FIN,
 * or TLS close_notify) makes the read return end-of-stream, and one that is gone makes it fail with
 * a reset; either way the batch is not confirmed and is sent again on a new connection. What the
 * probe cannot see: bytes the target's kernel received but its process never read (the target was
 * killed between our write and its read), and records the target read but lost itself. Those are the
 * limits of the protocol, written down in docs/cef.md.
 *
 * <p>TLS: the server certificate must chain to the configured CA file (or to the JDK's trust store
 * without one) and name the target's host in its subjectAltName (the HTTPS endpoint check, as RFC
 * 5425 5.2 asks for a name match); no client certificate is sent.
 */
final class StreamSyslogConnection implements SyslogConnection {
    /** How long a probe read waits for end-of-stream before the connection counts as alive. */
    static final int PROBE_MILLIS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private boolean unconfirmed;

    private StreamSyslogConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = socket.getInputStream();
    }

    /** A plain TCP connection. */
    static StreamSyslogConnection tcp(SyslogTarget target) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) CONNECT_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            return new StreamSyslogConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A TLS connection, handshake done and the server's certificate checked. */
    static StreamSyslogConnection tls(SyslogTarget target, SSLContext context) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), (int) CONNECT_TIMEOUT.toMillis());
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, target.host(), target.port(),
                    true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            socket.startHandshake();
            return new StreamSyslogConnection(socket);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] message) throws IOException {
        out.write(SyslogMessage.octetCounted(message));
        unconfirmed = true;
    }

    @Override
    public void confirm() throws IOException {
        out.flush();
        if (!unconfirmed) {
            return;
        }
        socket.setSoTimeout(PROBE_MILLIS);
        try {
            // A syslog receiver never writes to us: anything other than a timeout means trouble.
            int read = in.read();
            if (read < 0) {
                throw new IOException("the syslog target closed the connection");
            }
        } catch (SocketTimeoutException alive) {
            unconfirmed = false;
            return;
        }
        unconfirmed = false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a connection we give up on
        }
    }
}
