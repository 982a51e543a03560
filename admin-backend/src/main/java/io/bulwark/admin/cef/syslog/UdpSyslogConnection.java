package io.bulwark.admin.cef.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * RFC 5426: one message per datagram. UDP has no acceptance at all: a message counts as sent when
 * the kernel took the datagram. The socket is connected, so an ICMP "port unreachable" from an
 * earlier datagram surfaces as an exception on a later send, and the exporter retries; beyond that,
 * loss is silent (docs/cef.md).
 */
final class UdpSyslogConnection implements SyslogConnection {
    private final DatagramSocket socket;

    UdpSyslogConnection(SyslogTarget target) throws IOException {
        socket = new DatagramSocket();
        socket.connect(new InetSocketAddress(target.host(), target.port()));
    }

    @Override
    public void send(byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length));
    }

    @Override
    public void confirm() {
        // nothing to confirm over UDP
    }

    @Override
    public void close() {
        socket.close();
    }
}
