package io.bulwark.admin.security;

import io.bulwark.admin.AdminProperties;
import io.bulwark.events.admin.AdminRole;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Security of the REST API: the filter chain for {@code /api/**}, ordered first so that the
 * console's catch-all chain (module admin-vaadin) only sees the other paths.
 *
 * <p>Stateless HTTP Basic: no session is created or used, every request carries its credentials,
 * and a request without (valid) credentials gets 401 with {@code WWW-Authenticate: Basic
 * realm="Bulwark"}, written directly so that no ERROR dispatch hands it to the console's chain (see
 * {@link ApiErrorResponses}). Spring's CSRF token is off because no cookie authenticates an API
 * request; {@link CrossSiteRequestFilter} refuses cross-site and form-like state changes instead. All three
 * roles may read; anything that changes state is for ADMINISTRATOR only, except Backup handling:
 * HELPDESK may also download a Backup copy and deliver it (reference notes H.7), while AUDITOR, being
 * read-only, sees Backup's metadata and scan reports but not the messages themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ApiSecurityConfiguration {

    /** The realm in the Basic challenge. */
    public static final String REALM = "Bulwark";

    /**
     * bcrypt at Spring's default cost (10): the API authenticates every request, so a higher cost
     * would be paid per call by pollers such as a SIEM.
     */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    public LoginThrottle loginThrottle(AdminProperties properties) {
        AdminProperties.Login login = properties.login();
        return new LoginThrottle(login.freeFailures(), login.baseDelay(), login.maxDelay(), login.lockoutAfter(),
                login.lockout(), Clock.systemUTC());
    }

    @Bean
    @Order(1)
    public SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, LoginThrottle throttle,
            io.bulwark.admin.account.AdminAccountsProjection accounts) throws Exception {
        AuthenticationEntryPoint entryPoint = ApiErrorResponses.unauthorized(REALM);
        String[] everyRole = {AdminRole.ADMINISTRATOR.name(), AdminRole.HELPDESK.name(), AdminRole.AUDITOR.name()};
        String[] backupHandlers = {AdminRole.ADMINISTRATOR.name(), AdminRole.HELPDESK.name()};
        return http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/backup/*/eml").hasAnyRole(backupHandlers)
                        .requestMatchers(HttpMethod.POST, "/api/v1/backup/*/deliver").hasAnyRole(backupHandlers)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(everyRole)
                        // HelpDesk handles queued messages (force, hold, release); QueueController keeps DELETE
                        // for administrators.
                        .requestMatchers(HttpMethod.POST, "/api/v1/queue/actions")
                        .hasAnyRole(AdminRole.ADMINISTRATOR.name(), AdminRole.HELPDESK.name())
                        // every account changes its own password; AccountAdministration refuses others'
                        .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/password").hasAnyRole(everyRole)
                        // a rule-change impact preview saves nothing: a read, for auditors too
                        .requestMatchers(HttpMethod.POST, "/api/v1/rules/*/preview").hasAnyRole(everyRole)
                        .anyRequest().hasRole(AdminRole.ADMINISTRATOR.name()))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(ApiErrorResponses.forbidden()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No CSRF token: no cookie authenticates an API call. Browser-cached Basic credentials are
                // handled by CrossSiteRequestFilter instead (JSON or X-Requested-With, same origin only).
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequiredFilter(accounts), BasicAuthenticationFilter.class)
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(Customizer.withDefaults())
                .build();
    }
}
