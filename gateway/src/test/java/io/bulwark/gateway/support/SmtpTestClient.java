package io.bulwark.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw SMTP client for tests: exact bytes out, full replies in. */
public final class SmtpTestClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String greeting;

    public SmtpTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        greeting = readReply();
    }

    public String greeting() {
        return greeting;
    }

    /** Sends one command line and returns the whole reply (lines joined by "\n"). */
    public String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readReply();
    }

    /** Sends raw DATA content (must end with CRLF.CRLF) and returns the reply. */
    public String data(String content) throws IOException {
        out.write(content.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readReply();
    }

    /** A whole transaction; returns the reply to the end of data. */
    public String send(String from, String to, String message) throws IOException {
        expect(command("EHLO client.test"), "250");
        expect(command("MAIL FROM:<" + from + ">"), "250");
        expect(command("RCPT TO:<" + to + ">"), "250");
        expect(command("DATA"), "354");
        return data(message);
    }

    private static void expect(String reply, String code) {
        if (!reply.startsWith(code)) {
            throw new AssertionError("expected " + code + " but got " + reply);
        }
    }

    private String readReply() throws IOException {
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

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // already closed
        }
        socket.close();
    }
}
