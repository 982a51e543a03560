package io.bulwark.admin.licence;

import io.bulwark.admin.support.BackendUnavailableException;
import io.bulwark.scan.licence.ActivationCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Activation without a vendor: codes are looked up in a file written by the licence tool's
 * {@code activation-code} command ({@link ActivationCodes}). Without a file configured, every
 * exchange says so. Reads the file on each exchange, so codes added later need no restart.
 */
public final class LocalActivationService implements ActivationService {
    private final Path codes;

    /** @param codes the codes file, or null when none is configured */
    public LocalActivationService(Path codes) {
        this.codes = codes;
    }

    @Override
    public String exchange(String code) {
        if (codes == null) {
            throw new BackendUnavailableException("No activation service is configured: set "
                    + "bulwark.licence.activation.codes-file (codes issued by the licence tool) or "
                    + "bulwark.licence.activation.url, or install the key file instead");
        }
        try {
            return ActivationCodes.lookup(codes, code).orElseThrow(() -> new UnknownLicenceKeyException(
                    "Activation code " + code + " is not known to the activation service"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the activation codes file " + codes, e);
        }
    }
}
