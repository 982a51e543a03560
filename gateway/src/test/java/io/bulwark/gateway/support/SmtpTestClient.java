package io.bulwark.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw SMTP client for tests: exact bytes out, full replies in, optional STARTTLS. */
public final class SmtpTestClient implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final String greeting;

    public SmtpTestClient(int port) throws IOException {
        this(port, true);
    }

    /** @param readGreeting false to write before the server's greeting was read */
    public SmtpTestClient(int port, boolean readGreeting) throws IOException {
        this(port, readGreeting, null);
    }

    /** @param from local address to connect from (another loopback address), or null */
    public SmtpTestClient(int port, boolean readGreeting, String from) throws IOException {
        socket = from == null ? new Socket(InetAddress.getLoopbackAddress(), port)
                : new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0);
        socket.setSoTimeout(10_000);
        streams();
        greeting = readGreeting ? readReply() : null;
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    public String greeting() {
        return greeting;
    }

    /** Sends one command line and returns the whole reply (lines joined by "\n"). */
    public String command(String line) throws IOException {
        write(line + "\r\n");
        return readReply();
    }

    /** Sends raw DATA content (must end with CRLF.CRLF) and returns the reply. */
    public String data(String content) throws IOException {
        write(content);
        return readReply();
    }

    /** Writes bytes exactly as given (ISO-8859-1), in one write. */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A whole transaction; returns the reply to the end of data. */
    public String send(String from, String to, String message) throws IOException {
        expect(command("EHLO client.test"), "250");
        expect(command("MAIL FROM:<" + from + ">"), "250");
        expect(command("RCPT TO:<" + to + ">"), "250");
        expect(command("DATA"), "354");
        return data(message);
    }

    /**
     * STARTTLS, then the handshake (trusting any certificate, protocols as given), then EHLO again.
     *
     * @return the server certificate
     */
    public X509Certificate startTls(String... protocols) throws Exception {
        expect(command("STARTTLS"), "220");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(),
                true);
        if (protocols.length > 0) {
            ssl.setEnabledProtocols(protocols);
        }
        ssl.startHandshake();
        socket = ssl;
        streams();
        return (X509Certificate) ssl.getSession().getPeerCertificates()[0];
    }

    public SSLSocket sslSocket() {
        return (SSLSocket) socket;
    }

    private static void expect(String reply, String code) {
        if (!reply.startsWith(code)) {
            throw new AssertionError("expected " + code + " but got " + reply);
        }
    }

    /** Reads one (possibly multi-line) reply. */
    public String readReply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
            reply.append(reply.isEmpty() ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    /** Whether something from the server is waiting to be read (without blocking). */
    public boolean hasInput() throws IOException {
        return in.ready();
    }

    /** Whether the server closed the connection (reads to the end; false on any further data). */
    public boolean closedByServer() throws IOException {
        try {
            return in.readLine() == null;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!socket.isClosed()) {
                socket.setSoTimeout(2000);
                command("QUIT");
            }
        } catch (IOException e) {
            // already closed
        }
        socket.close();
    }

    /** Tests only: the client side never checks the server here. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
