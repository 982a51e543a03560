package io.bulwark.admin.account;

import io.bulwark.admin.support.ApiError;
import io.bulwark.events.admin.AdminRole;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts over REST, under {@code /api/v1/accounts} (contract: {@code POST /api/v1/accounts} with
 * {@code {"username", "role", "password"}} and {@code POST /api/v1/accounts/{username}/password}).
 * Every role reads the list and {@code /me}; changes are for ADMINISTRATOR, except that every
 * account changes its own password (API filter chain plus {@link AccountAdministration}).
 */
@RestController
@RequestMapping("/api/v1/accounts")
public class AccountsController {
    private final AccountAdministration accounts;

    public AccountsController(AccountAdministration accounts) {
        this.accounts = accounts;
    }

    /** Body of {@code POST /api/v1/accounts}. */
    public record CreateRequest(String username, String role, String password) {
    }

    /** Body of {@code POST /{username}/password}: {@code currentPassword} for one's own account. */
    public record PasswordRequest(String currentPassword, String password, String newPassword) {
        String chosen() {
            return newPassword != null ? newPassword : password;
        }
    }

    @GetMapping
    public List<AccountAdministration.AccountView> all() {
        return accounts.all();
    }

    /** The signed-in account: name, role and whether it must change its password first. */
    @GetMapping("/me")
    public AccountAdministration.AccountView me(Authentication user) {
        return accounts.get(user.getName());
    }

    @GetMapping("/{username}")
    public AccountAdministration.AccountView one(@PathVariable String username) {
        return accounts.get(username);
    }

    @PostMapping
    public ResponseEntity<AccountAdministration.AccountView> create(@RequestBody CreateRequest request,
            Authentication user) {
        AccountAdministration.AccountView created = accounts.create(request.username(), request.role(),
                request.password(), user.getName());
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.username())).body(created);
    }

    @PostMapping("/{username}/password")
    public AccountAdministration.AccountView password(@PathVariable String username,
            @RequestBody PasswordRequest request, Authentication user) {
        boolean administrator = user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + AdminRole.ADMINISTRATOR.name()));
        return accounts.changePassword(username, request.currentPassword(), request.chosen(), user.getName(),
                administrator);
    }

    @PostMapping("/{username}/disable")
    public AccountAdministration.AccountView disable(@PathVariable String username, Authentication user) {
        return accounts.disable(username, user.getName());
    }

    @PostMapping("/{username}/enable")
    public AccountAdministration.AccountView enable(@PathVariable String username, Authentication user) {
        return accounts.enable(username, user.getName());
    }

    @DeleteMapping("/{username}")
    public ResponseEntity<Void> delete(@PathVariable String username, Authentication user) {
        accounts.delete(username, user.getName());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(UnknownAdminAccountException.class)
    ResponseEntity<ApiError> unknown(UnknownAdminAccountException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(AdminAccountAlreadyExistsException.class)
    ResponseEntity<ApiError> taken(AdminAccountAlreadyExistsException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(InvalidAdminAccountCommandException.class)
    ResponseEntity<ApiError> invalid(InvalidAdminAccountCommandException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(AccountAccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccountAccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError(e.getMessage()));
    }
}
