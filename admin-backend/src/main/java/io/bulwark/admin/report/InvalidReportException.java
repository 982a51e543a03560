package io.bulwark.admin.report;

/** A report command or request was refused: the message says why (the API's 400). */
public class InvalidReportException extends RuntimeException {
    public InvalidReportException(String message) {
        super(message);
    }
}
