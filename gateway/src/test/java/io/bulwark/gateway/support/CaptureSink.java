package io.bulwark.gateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deliberately vulnerable next hop for the outbound smuggling tests: it records the raw DATA
 * bytes it receives and, like the servers behind CVE-2023-51764/51765/51766, also takes
 * {@code LF . LF}, {@code CR . CR} and the other lenient sequences as the end of data. Whatever
 * arrives after such an early end is recorded as commands. If our client ever sent a smuggling
 * payload, this sink would show a second transaction.
 */
public final class CaptureSink implements AutoCloseable {
    private static final List<byte[]> LENIENT_ENDS = List.of(bytes("\r\n.\r\n"), bytes("\n.\r\n"), bytes("\n.\n"),
            bytes("\r\n.\n"), bytes("\r.\r"), bytes("\r.\r\n"), bytes("\r.\n"));

    /** The raw bytes between 354 and the end of data (terminator included). */
    private final List<byte[]> dataBlocks = new CopyOnWriteArrayList<>();
    /** Every command line received, in order. */
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread thread;

    public CaptureSink() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().name("capture-sink").start(this::serve);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<byte[]> dataBlocks() {
        return List.copyOf(dataBlocks);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(20_000);
                session(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private void session(InputStream in, OutputStream out) throws IOException {
        reply(out, "220 capture.test ESMTP");
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return;
            }
            commands.add(line);
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (verb) {
                case "EHLO" -> reply(out, "250-capture.test\r\n250-PIPELINING\r\n250 8BITMIME");
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    dataBlocks.add(readData(in));
                    reply(out, "250 2.0.0 captured");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 2.0.0 ok");
            }
        }
    }

    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            data.write(b);
            byte[] sofar = data.toByteArray();
            for (byte[] end : LENIENT_ENDS) {
                if (endsWith(sofar, end)) {
                    return sofar;
                }
            }
        }
        throw new IOException("closed in DATA");
    }

    private static boolean endsWith(byte[] data, byte[] end) {
        if (data.length < end.length) {
            return false;
        }
        for (int i = 0; i < end.length; i++) {
            if (data[data.length - end.length + i] != end[i]) {
                return false;
            }
        }
        return true;
    }

    /** A command line, ended leniently by LF (the vulnerable behaviour). */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.join(5000);
    }
}
