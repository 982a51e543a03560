package io.bulwark.gateway.spool;

/** The message exceeded the size limit while being spooled; nothing was kept. */
public final class MessageTooLargeException extends Exception {
    public MessageTooLargeException(long limit) {
        super("message exceeds the limit of " + limit + " bytes");
    }
}
