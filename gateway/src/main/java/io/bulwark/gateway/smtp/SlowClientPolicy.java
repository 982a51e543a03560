package io.bulwark.gateway.smtp;

import java.time.Duration;

/**
 * Limits against clients that hold sessions open by being slow or many (Slowloris): what Postfix
 * calls {@code smtpd_per_request_deadline}, {@code smtpd_min_data_rate} and the stress-dependent
 * {@code smtpd_timeout}, plus connection counts per network as well as per address.
 *
 * <p>The command and data timeouts of {@link SessionSettings} are deadlines for a whole command line
 * (waiting for it included) and for a whole DATA phase, not for each read: a client sending a byte
 * just before each read times out gains nothing. During DATA, every byte received extends the
 * deadline by {@code 1 / minDataRate} seconds, so a large message from a client sending at least
 * that fast is never cut, and one trickling slower is.
 *
 * @param stressTimeout            command and data deadline while the listener is under stress
 *                                 [smtpd_timeout ${stress?10s}]
 * @param stressPercent            share of {@code maxConnections} open from which the listener is
 *                                 under stress
 * @param minDataRate              bytes per second that extend the DATA deadline
 *                                 [smtpd_min_data_rate 500]
 * @param maxConnectionsPerNetwork concurrent sessions from one IPv4 /{@code ipv4Prefix} or IPv6
 *                                 /{@code ipv6Prefix}; mynetworks exempt
 * @param ipv4Prefix               IPv4 network size counted together (24)
 * @param ipv6Prefix               IPv6 network size counted together (64: one site)
 */
public record SlowClientPolicy(Duration stressTimeout, int stressPercent, int minDataRate,
        int maxConnectionsPerNetwork, int ipv4Prefix, int ipv6Prefix) {

    public SlowClientPolicy {
        if (stressTimeout.isNegative() || stressTimeout.isZero() || stressPercent < 1 || stressPercent > 100
                || minDataRate < 1 || maxConnectionsPerNetwork < 1 || ipv4Prefix < 8 || ipv4Prefix > 32
                || ipv6Prefix < 16 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("slow-client limits out of range: " + this);
        }
    }

    /** The defaults: 10 s under stress from 80 % of the connections, 500 bytes/s, 30 per /24 or /64. */
    public static SlowClientPolicy defaults() {
        return new SlowClientPolicy(Duration.ofSeconds(10), 80, 500, 30, 24, 64);
    }
}
