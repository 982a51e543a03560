package io.bulwark.admin.licence;

/**
 * Exchanges an activation code for a licence key file (reference notes E: a key arrives as a file or
 * as an activation code). The appliance usually cannot reach a vendor, so there are two
 * implementations (docs/licensing.md): {@link LocalActivationService} reads a file of codes issued
 * by the licence tool ({@code bulwark.licence.activation.codes-file}), {@link HttpActivationService}
 * asks an activation server over HTTPS ({@code bulwark.licence.activation.url}), through
 * {@code bulwark.licence.activation.proxy} when set. The key file that comes back is verified like
 * an uploaded one. Implementations are thread-safe.
 */
public interface ActivationService {

    /**
     * The key file for a code.
     *
     * @throws UnknownLicenceKeyException when the service does not know the code
     * @throws IllegalStateException      when the service cannot be reached or is not configured
     */
    String exchange(String code);
}
