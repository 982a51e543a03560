package io.bulwark.admin.report;

/** No such report, or it was deleted (the API's 404). */
public class UnknownReportException extends RuntimeException {
    public UnknownReportException(String id) {
        super("No report " + id);
    }
}
