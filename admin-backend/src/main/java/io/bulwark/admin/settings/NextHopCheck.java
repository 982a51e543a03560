package io.bulwark.admin.settings;

import io.bulwark.events.settings.NextHop;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.dns.MxHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The checks an administrator runs before applying routing (the Quick Setup Wizard's steps): does a
 * next hop answer SMTP, and what are a domain's MX hosts. Read-only: connects, reads the greeting,
 * says EHLO and QUIT, sends no mail. A next hop written without brackets is tried by its name's
 * addresses, not its MX records (the question is "is something listening there").
 *
 * <p>The SMTP dialogue is three lines, written here rather than pulling a client library into the
 * admin plane. Thread-safe; calls block up to the timeout.
 */
public class NextHopCheck {
    private static final int SMTP_PORT = 25;

    private final DnsLookup dns;
    private final Duration timeout;
    private final String heloName;

    public NextHopCheck(DnsLookup dns, Duration timeout, String heloName) {
        this.dns = dns;
        this.timeout = timeout;
        this.heloName = heloName;
    }

    /**
     * The outcome of one check.
     *
     * @param ok     true when the next hop answered 220 and 250 to EHLO (or the domain has MX hosts)
     * @param detail what was seen, one line, for the page
     */
    public record Result(boolean ok, String detail) {
    }

    /** Connects to {@code nextHop} (Postfix notation) and reads its greeting and EHLO answer. */
    public Result smtp(String nextHop) {
        NextHop hop;
        try {
            hop = NextHop.parse(nextHop, SMTP_PORT);
        } catch (IllegalArgumentException e) {
            return new Result(false, e.getMessage());
        }
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hop.host(), hop.port()), millis);
            socket.setSoTimeout(millis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String greeting = reply(in);
            if (!greeting.startsWith("220")) {
                return new Result(false, hop + " greets with " + greeting);
            }
            out.write(("EHLO " + heloName + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String ehlo = reply(in);
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!ehlo.startsWith("250")) {
                return new Result(false, hop + " answers EHLO with " + ehlo);
            }
            return new Result(true, hop + " answers: " + greeting);
        } catch (IOException e) {
            return new Result(false, hop + " does not answer: " + e.getMessage());
        }
    }

    /** The MX hosts of {@code domain}, as the gateway's DNS servers see them. */
    public Result mx(String domain) {
        DnsResult<MxHost> answer = dns.mx(domain);
        if (answer instanceof DnsResult.Records<MxHost> records) {
            List<String> hosts = records.values().stream().map(m -> m.preference() + " " + m.host()).toList();
            return new Result(true, domain + " MX " + String.join(", ", hosts));
        }
        return new Result(false, domain + " has no MX records (" + answer + ")");
    }

    /** The last line of a possibly multi-line reply ("250-...", "250 ..."). */
    private static String reply(BufferedReader in) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        if (line == null) {
            throw new IOException("connection closed");
        }
        return line;
    }
}
