package io.bulwark.admin.account;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Spring Security's view of the accounts: reads the accounts projection on every authentication,
 * so a password change applies to the next login on every node. The role becomes the authority
 * {@code ROLE_<role>}. Thread-safe.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final AdminAccountsProjection accounts;

    public AccountUserDetailsService(AdminAccountsProjection accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AdminAccountSummary account = accounts.find(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .roles(account.role())
                .disabled(!account.enabled())
                .build();
    }
}
