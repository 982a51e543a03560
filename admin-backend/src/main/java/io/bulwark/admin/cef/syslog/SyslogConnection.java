package io.bulwark.admin.cef.syslog;

import java.io.IOException;

/**
 * One open connection (or UDP association) to a syslog target. Not thread-safe: the exporter's single
 * processing thread owns it.
 */
public interface SyslogConnection extends AutoCloseable {

    /** Queues one RFC 5424 message for sending (framed as the transport needs). */
    void send(byte[] message) throws IOException;

    /**
     * Makes sure everything sent so far was handed to the target as far as the transport can tell
     * (see {@link StreamSyslogConnection#confirm()}); throws when it was not.
     */
    void confirm() throws IOException;

    @Override
    void close();
}
