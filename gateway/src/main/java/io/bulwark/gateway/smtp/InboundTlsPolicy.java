package io.bulwark.gateway.smtp;

/** Inbound STARTTLS policy of the listener (Postfix {@code smtpd_tls_security_level}). */
public enum InboundTlsPolicy {
    /** STARTTLS is not offered. */
    OFF,
    /** STARTTLS is offered; plain text is accepted (Postfix {@code may}, RFC 3207). */
    OFFERED,
    /** MAIL, RCPT and DATA get {@code 530 5.7.0} before STARTTLS (Postfix {@code encrypt}). */
    REQUIRED
}
