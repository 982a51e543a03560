package io.bulwark.admin.antivirus;

/** A refused anti-virus request (the API's 400), with the reason for the administrator. */
public class InvalidAntivirusRequestException extends RuntimeException {
    public InvalidAntivirusRequestException(String message) {
        super(message);
    }
}
