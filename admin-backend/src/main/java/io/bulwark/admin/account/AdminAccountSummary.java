package io.bulwark.admin.account;

import java.time.Instant;

/**
 * One account as the accounts projection holds it. Carries the password hash because the login
 * check needs it; never expose it through the REST API or the console.
 */
public record AdminAccountSummary(String username, String role, String passwordHash, Instant createdAt,
        Instant passwordChangedAt, boolean enabled, boolean mustChangePassword) {
}
