package io.bulwark.gateway.dkim;

import io.bulwark.gateway.delivery.OutboundSigner;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DKIM signing in delivery: the node's key ring and the signer the delivery agent calls. Needs no
 * store, so every gateway has it (imported by the gateway configuration); the ring stays empty,
 * and nothing is signed, until {@link DkimKeyTrackingConfiguration} feeds it keys.
 */
@Configuration(proxyBeanMethods = false)
public class DkimSigningConfiguration {

    @Bean
    DkimKeyRing bulwarkDkimKeyRing() {
        return new DkimKeyRing();
    }

    @Bean
    OutboundSigner bulwarkDkimOutboundSigner(DkimKeyRing ring) {
        return new DkimOutboundSigner(ring, Clock.systemUTC());
    }
}
