package io.bulwark.admin.tls;

/** The certificate's state forbids the change, e.g. deleting the active one (the API answers 409). */
public class CertificateConflictException extends InvalidCertificateCommandException {
    public CertificateConflictException(String message) {
        super(message);
    }
}
