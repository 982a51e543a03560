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
            DeadlineInputStream in = pair.deadlineUnderStress();
            in.data(ALLOWANCE);
            pair.sendThenOutwaitTheAllowance("content\r\n"); // as if the gate held the message

            byte[] line = new byte[9];
            assertThat(in.readNBytes(line, 0, 9)).isEqualTo(9);
            assertThat(new String(line, StandardCharsets.US_ASCII)).isEqualTo("content\r\n");
        }
    }

    @Test
    void aCommandsDeadlineCountsFromWhenItIsArmed() throws Exception {
        try (Pair pair = Pair.open()) {
            DeadlineInputStream in = pair.deadlineUnderStress();
            in.command(ALLOWANCE);
            pair.sendThenOutwaitTheAllowance("NOOP\r\n");

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

        /** The server's input under stress, whose timeout is the allowance: the shortest deadline there is. */
        DeadlineInputStream deadlineUnderStress() throws Exception {
            SlowClientPolicy policy = new SlowClientPolicy(ALLOWANCE, 80, 500, 30, 24, 64);
            return new DeadlineInputStream(server.getInputStream(), server, policy, () -> true);
        }

        /** The client sends {@code text}; then the allowance passes before the server reads. */
        void sendThenOutwaitTheAllowance(String text) throws Exception {
            client.write(text.getBytes(StandardCharsets.US_ASCII));
            client.flush();
            Thread.sleep(ALLOWANCE.toMillis() * 4);
        }

        @Override
        public void close() throws Exception {
            clientSocket.close();
            server.close();
            listener.close();
        }
    }
}
