package io.bulwark.admin.tls;

/** No certificate has the id (the API answers 404). */
public class UnknownCertificateException extends InvalidCertificateCommandException {
    public UnknownCertificateException(String certificateId) {
        super("No certificate '" + certificateId + "'");
    }
}
