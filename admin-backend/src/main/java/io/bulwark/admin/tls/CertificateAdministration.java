package io.bulwark.admin.tls;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.tls.ActivateCertificateCommand;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.CreateCertificateSigningRequestCommand;
import io.bulwark.events.tls.CreateSelfSignedCertificateCommand;
import io.bulwark.events.tls.DeleteCertificateCommand;
import io.bulwark.events.tls.FindCertificatesQuery;
import io.bulwark.events.tls.ImportCertificateCommand;
import io.bulwark.events.tls.TlsKeyType;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Certificate management behind the REST API and the console: does the key work (generate, parse,
 * check that key and certificate belong together), stores key material encrypted in the
 * {@link TlsKeyVault} <em>before</em> sending the command that records the certificate, and removes
 * it again if the command is refused, so an event never names a key that is not stored and no
 * refused upload leaves a key behind. Reads go through the query bus.
 *
 * <p>Refusals: {@link InvalidCertificateCommandException} (400), {@link UnknownCertificateException}
 * (404), {@link CertificateConflictException} (409). Stateless and thread-safe.
 */
public class CertificateAdministration {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TlsKeyVault vault;
    private final Clock clock;

    public CertificateAdministration(CommandGateway commands, QueryGateway queries, TlsKeyVault vault, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.vault = vault;
        this.clock = clock;
    }

    /** Every certificate with its expiry. */
    public List<CertificateView> certificates() {
        return await(queries.query(new FindCertificatesQuery(), ResponseTypes.multipleInstancesOf(CertificateView.class)));
    }

    /**
     * The certificate as soon as the list shows it in the given state: the list is a tracking
     * projection, a moment behind the command, and a writer should read its own change. Gives up
     * after {@link BusCalls#VISIBLE_WAIT} and returns what the list shows then.
     */
    public Optional<CertificateView> awaitCertificate(String certificateId,
            java.util.function.Predicate<CertificateView> state) {
        awaitList(() -> certificate(certificateId).filter(state).isPresent());
        return certificate(certificateId);
    }

    /** Waits (bounded) until the list no longer shows the certificate. */
    public void awaitDeleted(String certificateId) {
        awaitList(() -> certificate(certificateId).isEmpty());
    }

    private static void awaitList(java.util.function.BooleanSupplier done) {
        BusCalls.awaitVisible(done);
    }

    /** One certificate. */
    public Optional<CertificateView> certificate(String certificateId) {
        return certificates().stream().filter(c -> c.certificateId().equals(certificateId)).findFirst();
    }

    /** Creates a key and a self-signed certificate; returns the certificate id. */
    public String createSelfSigned(String commonName, List<String> names, int days, TlsKeyType type, String actor) {
        TlsKeyType keyType = type == null ? TlsKeyType.RSA_2048 : type;
        String certificateId = newId();
        String keyId = newId();
        try {
            KeyPair keys = CertificateTools.generateKeyPair(keyType);
            X509Certificate certificate = CertificateTools.selfSigned(keys, commonName, names == null ? List.of() : names,
                    days, clock.instant());
            List<X509Certificate> chain = List.of(certificate);
            vault.store(keyId, certificateId, keys.getPrivate(), CertificateTools.pem(chain), null);
            return sendOrForget(keyId, new CreateSelfSignedCertificateCommand(certificateId, keyId,
                    CertificateTools.details(chain), actor), certificateId);
        } catch (GeneralSecurityException e) {
            throw new InvalidCertificateCommandException("Cannot create the certificate: " + e.getMessage(), e);
        }
    }

    /** The outcome of a request: the pending certificate's id and the request to give the CA. */
    public record SigningRequest(String certificateId, String csrPem) {
    }

    /** Creates a key and a certificate signing request for a CA. */
    public SigningRequest createSigningRequest(String commonName, List<String> names, TlsKeyType type, String actor) {
        TlsKeyType keyType = type == null ? TlsKeyType.RSA_2048 : type;
        String certificateId = newId();
        String keyId = newId();
        try {
            KeyPair keys = CertificateTools.generateKeyPair(keyType);
            List<String> sans = CertificateTools.checkedNames(names);
            String csr = CertificateTools.csr(keys, commonName, sans);
            vault.store(keyId, certificateId, keys.getPrivate(), null, csr);
            sendOrForget(keyId, new CreateCertificateSigningRequestCommand(certificateId, keyId,
                    CertificateTools.subject(commonName).toString(), sans.isEmpty() ? List.of(commonName.strip()) : sans,
                    keyType, actor), certificateId);
            return new SigningRequest(certificateId, csr);
        } catch (GeneralSecurityException e) {
            throw new InvalidCertificateCommandException("Cannot create the request: " + e.getMessage(), e);
        }
    }

    /** The stored request of a pending certificate. */
    public String signingRequest(String certificateId) {
        CertificateView view = awaitCertificate(certificateId, v -> true)
                .orElseThrow(() -> new UnknownCertificateException(certificateId));
        if (!"PENDING".equals(view.status())) {
            throw new CertificateConflictException("Certificate '" + certificateId + "' has no pending request");
        }
        return vault.csrPem(keyIdOf(certificateId)).orElseThrow(() -> new UnknownCertificateException(certificateId));
    }

    /** Imports a chain (PEM) with its key (PEM, optionally encrypted); returns the certificate id. */
    public String importPem(String chainPem, String keyPem, String keyPassword, String actor) {
        PrivateKey key = CertificateTools.readKey(keyPem, keyPassword == null ? null : keyPassword.toCharArray());
        return importNew(key, CertificateTools.readChain(chainPem), actor);
    }

    /** Imports a PKCS#12 file (base64); returns the certificate id. */
    public String importPkcs12(String pkcs12Base64, String password, String actor) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(pkcs12Base64 == null ? "" : pkcs12Base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidCertificateCommandException("The PKCS#12 file must be base64", e);
        }
        CertificateTools.Imported imported = CertificateTools.readPkcs12(bytes,
                password == null ? new char[0] : password.toCharArray());
        return importNew(imported.key(), imported.chain(), actor);
    }

    /** Installs the CA's answer (PEM chain) for a pending request. */
    public String importForRequest(String certificateId, String chainPem, String actor) {
        CertificateView view = awaitCertificate(certificateId, v -> true)
                .orElseThrow(() -> new UnknownCertificateException(certificateId));
        if (!"PENDING".equals(view.status())) {
            throw new CertificateConflictException("Certificate '" + certificateId + "' has no pending request");
        }
        String keyId = keyIdOf(certificateId);
        try {
            TlsKeyVault.StoredKey pending = vault.find(keyId).orElseThrow(() -> new UnknownCertificateException(certificateId));
            List<X509Certificate> chain = CertificateTools.leafFirst(pending.privateKey(),
                    CertificateTools.readChain(chainPem));
            vault.attachChain(keyId, CertificateTools.pem(chain));
            send(new ImportCertificateCommand(certificateId, keyId, CertificateTools.details(chain), true, actor));
            return certificateId;
        } catch (GeneralSecurityException e) {
            throw new InvalidCertificateCommandException("Cannot open the pending key: " + e.getMessage(), e);
        }
    }

    /** Makes the certificate the listener's, on every node. */
    public void activate(String certificateId, String actor) {
        send(new ActivateCertificateCommand(certificateId, actor));
    }

    /** Deletes the certificate and its key. */
    public void delete(String certificateId, String actor) {
        String keyId = keyIdOf(certificateId);
        send(new DeleteCertificateCommand(certificateId, actor));
        vault.delete(keyId);
    }

    private String importNew(PrivateKey key, List<X509Certificate> chain, String actor) {
        List<X509Certificate> ordered = CertificateTools.leafFirst(key, chain);
        String certificateId = newId();
        String keyId = newId();
        try {
            vault.store(keyId, certificateId, key, CertificateTools.pem(ordered), null);
        } catch (GeneralSecurityException e) {
            throw new InvalidCertificateCommandException("Cannot store the key: " + e.getMessage(), e);
        }
        return sendOrForget(keyId, new ImportCertificateCommand(certificateId, keyId,
                CertificateTools.details(ordered), false, actor), certificateId);
    }

    /** The key id is the certificate's stored one; the vault keeps the link. */
    private String keyIdOf(String certificateId) {
        return vault.keyIdOf(certificateId).orElseThrow(() -> new UnknownCertificateException(certificateId));
    }

    private String sendOrForget(String keyId, Object command, String certificateId) {
        try {
            send(command);
            return certificateId;
        } catch (RuntimeException e) {
            vault.delete(keyId); // refused: the key must not outlive the command
            throw e;
        }
    }

    private void send(Object command) {
        await(commands.send(command));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static <T> T await(CompletableFuture<T> future) {
        return BusCalls.await(future, "Certificates");
    }
}
