package io.bulwark.gateway.licence;

import io.bulwark.scan.licence.LicenceGate;
import io.bulwark.scan.licence.LicencePolicy;
import io.bulwark.scan.licence.LicenceRegister;
import io.bulwark.scan.licence.LicenceSettings;
import io.bulwark.scan.licence.LicenceStatus;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's licence: the installed keys as the licence events left them ({@link LicenceRegister},
 * fed by {@link LicenceTracker}), read through {@link LicencePolicy} with the node's clock on every
 * call, so an expiry takes effect at its moment and a key installed in the console reaches the node
 * without a restart. Until the first event arrives the register is empty: community mode, or
 * unlicensed with {@code bulwark.licence.enforce=true}.
 *
 * <p>The {@link LicenceGate} bean of a gateway node: the scan pipeline's gate and the answer to
 * "may databases update now" ({@link #updatesAllowed()}). Thread-safe (one atomic reference).
 */
public final class NodeLicence implements LicenceGate {
    private final AtomicReference<LicenceRegister> register = new AtomicReference<>(LicenceRegister.EMPTY);
    private final LicenceSettings settings;
    private final Clock clock;

    public NodeLicence(LicenceSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public LicenceStatus status() {
        return LicencePolicy.evaluate(register.get(), clock.instant(), settings);
    }

    /** Applies one licence event (other events change nothing). */
    public void apply(Object event) {
        register.updateAndGet(r -> r.apply(event));
    }

    /** Replaces the register (start-up, after reading the licence stream). */
    public void load(LicenceRegister loaded) {
        register.set(loaded);
    }

    /** The register as it stands. */
    public LicenceRegister register() {
        return register.get();
    }
}
