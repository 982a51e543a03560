package io.bulwark.store.autoconfigure;

import io.bulwark.store.HandlerFailurePolicy;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * How every event processor of a Bulwark node treats a failing handler: retry, never skip
 * ({@link HandlerFailurePolicy}). Separate from {@link BulwarkStoreAutoConfiguration} so that it also
 * holds where a test context brings its own (in-memory) store and leaves that one out.
 */
@AutoConfiguration
public class BulwarkProcessingAutoConfiguration {

    @Bean
    public ConfigurerModule handlerFailuresRetryNeverSkip() {
        return configurer -> configurer.eventProcessing(HandlerFailurePolicy::retryNeverSkip);
    }
}
