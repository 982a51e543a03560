package io.bulwark.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The request deadline over a real loopback socket: the DATA deadline counts from the first read of
 * the content, so a pause of ours between the 354 and that read (intake flow control, ADR 0049)
 * does not use up the client's allowance, while a command's deadline counts from when it is armed.
 * The waits below only make sure the allowance has passed; no duration is asserted.
 */
class DeadlineInputStreamTest {

    private static final Duration ALLOWANCE = Duration.ofMillis(50);

    @Test
    void aPauseBeforeTheFirstReadOfTheContentDoesNotCount() throws Exception {
        try (Pair pair = Pair.open()) {
            DeadlineInputStream in = pair.deadline(true);
            in.data(ALLOWANCE);
            pair.client.write("content\r\n".getBytes(StandardCharsets.US_ASCII));
            pair.client.flush();
            Thread.sleep(ALLOWANCE.toMillis() * 4); // the gate held the message longer than the allowance

            byte[] line = new byte[9];
            assertThat(in.readNBytes(line, 0, 9)).isEqualTo(9);
            assertThat(new String(line, StandardCharsets.US_ASCII)).isEqualTo("content\r\n");
        }
    }

    @Test
    void aCommandsDeadlineCountsFromWhenItIsArmed() throws Exception {
        try (Pair pair = Pair.open()) {
            DeadlineInputStream in = pair.deadline(true);
            in.command(ALLOWANCE);
            pair.client.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            pair.client.flush();
            Thread.sleep(ALLOWANCE.toMillis() * 4);

            assertThatThrownBy(in::read).isInstanceOf(DeadlineInputStream.DeadlinePassedException.class);
        }
    }

    /** A connected loopback pair: the server side read through a deadline, the client side written. */
    private record Pair(ServerSocket listener, Socket server, Socket clientSocket, OutputStream client)
            implements AutoCloseable {
        static Pair open() throws Exception {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Socket server = listener.accept();
            return new Pair(listener, server, client, client.getOutputStream());
        }

        DeadlineInputStream deadline(boolean underStress) throws Exception {
            SlowClientPolicy policy = new SlowClientPolicy(ALLOWANCE, 80, 500, 30, 24, 64);
            return new DeadlineInputStream(server.getInputStream(), server, policy, () -> underStress);
        }

        @Override
        public void close() throws Exception {
            clientSocket.close();
            server.close();
            listener.close();
        }
    }
}
