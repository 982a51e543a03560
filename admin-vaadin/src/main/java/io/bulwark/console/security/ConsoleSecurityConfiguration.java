package io.bulwark.console.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.bulwark.admin.security.FormLoginThrottleFilter;
import io.bulwark.admin.security.LoginThrottle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Security of the console: Vaadin's filter chain with form login at the {@link LoginView} (route
 * {@code login}), session based, CSRF handled by Vaadin. Every other route needs an authenticated
 * user, and each view states the roles it admits ({@code @PermitAll}, {@code @RolesAllowed}).
 *
 * <p>Ordered after the API chain ({@code @Order(1)}, {@code /api/**}, module admin-backend): this
 * chain has no request matcher, so it must be the last one. Uses {@link VaadinSecurityConfigurer},
 * the replacement of {@code VaadinWebSecurity} (deprecated for removal since Vaadin 24.8). Users come
 * from the backend's {@code UserDetailsService} and password encoder.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class ConsoleSecurityConfiguration {

    /** Order of the console chain: after the API chain. */
    public static final int ORDER = 2;

    @Bean
    @Order(ORDER)
    public SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
        return http
                // Throttled sign-ins go back to the login page before the password is checked.
                .addFilterBefore(new FormLoginThrottleFilter(throttle, "/" + LoginView.ROUTE),
                        UsernamePasswordAuthenticationFilter.class)
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
