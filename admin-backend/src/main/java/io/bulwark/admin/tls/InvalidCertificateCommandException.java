package io.bulwark.admin.tls;

/** A certificate command or upload was refused as invalid (the API answers 400). */
public class InvalidCertificateCommandException extends IllegalArgumentException {
    public InvalidCertificateCommandException(String message) {
        super(message);
    }

    public InvalidCertificateCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
