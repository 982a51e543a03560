package io.bulwark.gateway.scan;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.scan.Check;
import io.bulwark.scan.antivirus.LeafEngineCheck;
import io.bulwark.scan.antivirus.clamd.ClamdAddress;
import io.bulwark.scan.antivirus.clamd.ClamdCheck;
import io.bulwark.scan.antivirus.clamd.ClamdClient;
import io.bulwark.scan.antivirus.signatures.SignatureEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The anti-virus engines this node runs beside the EICAR check, made from
 * {@code bulwark.antivirus.*}: the built-in signature engine when {@code database-dir} is set, the
 * clamd engine when {@code clamd.address} is set. Both may run together; the anti-virus module's
 * verdict merges their symbols, and each detection names its engine and signature.
 *
 * <p>Owns the engines' resources (the reloading thread, the clamd sessions): {@link #close()} at
 * shutdown. Thread-safe.
 */
public final class AntivirusEngines implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AntivirusEngines.class);
    private final SignatureEngine signatures;
    private final ClamdClient clamd;

    private AntivirusEngines(SignatureEngine signatures, ClamdClient clamd) {
        this.signatures = signatures;
        this.clamd = clamd;
    }

    /** No engines (tests, nodes without anti-virus configuration). */
    public static AntivirusEngines none() {
        return new AntivirusEngines(null, null);
    }

    /**
     * The engines the properties configure; loads the signature directory now and pings clamd
     * once (a clamd that is not up yet is logged, not fatal: its check reports a temporary
     * failure until it answers).
     */
    public static AntivirusEngines of(GatewayProperties.Antivirus properties) {
        SignatureEngine signatures = properties.databaseDir() == null ? null
                : new SignatureEngine(properties.databaseDir(), properties.reloadInterval(),
                        properties.maxScanBytes(), properties.containerKey());
        GatewayProperties.Clamd c = properties.clamd();
        ClamdClient clamd = c.address() == null ? null
                : new ClamdClient(ClamdAddress.parse(c.address()), c.connectTimeout(), c.readTimeout(),
                        c.idleTimeout(), c.maxConnections(), c.chunkBytes());
        if (clamd != null) {
            try {
                clamd.ping();
                LOG.info("clamd at {} answers PING", clamd.address());
            } catch (java.io.IOException e) {
                LOG.warn("clamd at {} does not answer PING yet: {}", clamd.address(), e.getMessage());
            }
        }
        return new AntivirusEngines(signatures, clamd);
    }

    /** The built-in signature engine, if configured. */
    public Optional<SignatureEngine> signatures() {
        return Optional.ofNullable(signatures);
    }

    /** The clamd client, if configured (its {@code ping()} is the health check). */
    public Optional<ClamdClient> clamd() {
        return Optional.ofNullable(clamd);
    }

    /** The checks of the configured engines: "signatures", "clamd". */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        if (signatures != null) {
            checks.add(new LeafEngineCheck("signatures", signatures));
        }
        if (clamd != null) {
            checks.add(new ClamdCheck(clamd));
        }
        return checks;
    }

    @Override
    public void close() {
        if (signatures != null) {
            signatures.close();
        }
        if (clamd != null) {
            clamd.close();
        }
    }
}
