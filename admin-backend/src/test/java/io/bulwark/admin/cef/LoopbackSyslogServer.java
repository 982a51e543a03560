package io.bulwark.admin.cef;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A syslog receiver over TCP on loopback for the exporter's delivery tests: reads RFC 6587
 * octet-counted frames and keeps each message. {@link #stop()} closes the listener and every
 * connection (as a stopping syslog server does); {@link #start()} listens again on the same port.
 */
final class LoopbackSyslogServer implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private int port;

    synchronized void start() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = server.getLocalPort();
        ServerSocket listening = server;
        Thread.ofVirtual().start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket s = listening.accept();
                    connections.add(s);
                    Thread.ofVirtual().start(() -> read(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void read(Socket socket) {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ' ') {
                    if (c < 0) {
                        return;
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] message = in.readNBytes(length);
                if (message.length < length) {
                    return;
                }
                messages.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (IOException closed) {
            // connection closed by stop()
        }
    }

    synchronized void stop() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
        connections.clear();
    }

    int port() {
        return port;
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
