package io.bulwark.appliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A deliberately plain SMTP client for tests: one command, one reply, so a test sees exactly what
 * the gateway answered at each step (Jakarta Mail hides replies behind exceptions).
 */
final class SmtpClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    final String greeting;

    SmtpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        greeting = reply();
    }

    /** Reads one complete (possibly multi-line) reply. */
    String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed after: " + all);
            }
            all.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return all.toString().trim();
            }
        }
    }

    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** MAIL, RCPT for each recipient, DATA; returns the reply to the end of data (or the first refusal). */
    String send(String from, List<String> to, String message) throws IOException {
        String r = command("MAIL FROM:<" + from + ">");
        if (!r.startsWith("250")) {
            return r;
        }
        boolean any = false;
        for (String rcpt : to) {
            r = command("RCPT TO:<" + rcpt + ">");
            any |= r.startsWith("250");
        }
        if (!any) {
            command("RSET");
            return r;
        }
        r = command("DATA");
        if (!r.startsWith("354")) {
            return r;
        }
        String body = message.replace("\r\n", "\n").replace("\n", "\r\n");
        StringBuilder stuffed = new StringBuilder();
        for (String line : body.split("\r\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        out.write(stuffed.toString().getBytes(StandardCharsets.ISO_8859_1));
        return command(".");
    }

    static String message(String from, String to, String messageId, String subject) {
        return "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nMessage-ID: <" + messageId
                + ">\r\nDate: Fri, 27 Nov 2026 12:00:00 +0000\r\n\r\nHello from the end-to-end test.\r\n"
                + ".a line that starts with a dot\r\n";
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // the server may already have closed the connection
        }
        socket.close();
    }
}
