package dev.zaiko.access;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Admin-only (scope ADMIN): console users ({@code /api/access/users}), API tokens
 * ({@code /api/access/tokens}; the token itself is in the answer to its creation only) and the
 * audit trail ({@code GET /api/access/audit?actor=&action=&before=&limit=}).
 */
@RestController
@Requires(Authority.ADMINISTER)
@RequestMapping("/api/access")
class AccessController {

    private final ConsoleUsers users;
    private final ApiTokens tokens;
    private final AuditTrail audit;

    AccessController(ConsoleUsers users, ApiTokens tokens, AuditTrail audit) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    record UserChange(String displayName, Role role, String locale, Boolean enabled, String email) {
    }

    record PasswordChange(String password) {
    }

    record TokenRequest(String name, Scope scope, Instant expiresAt) {
    }

    /** The token's secret appears here and nowhere else, ever. */
    record CreatedToken(UUID id, String name, String prefix, Scope scope, Instant expiresAt, String token) {
    }

    @Operation(summary = "Create a console user",
            description = "A person who signs in to the console with a username, password and role (OPERATOR, SUPERVISOR, ADMIN); the role grants the same authorities as the token scopes WRITE, SUPERVISOR and ADMIN. An optional email (like name@example.jp, at most 254 characters, kept lower-cased) makes an enabled supervisor or admin a recipient of the monthly stockout report.")
    @ApiResponse(responseCode = "201", description = "The user; Location names it.")
    @ApiResponse(responseCode = "409", description = "A user with this name already exists (user-exists).")
    @PostMapping("/users")
    ResponseEntity<ConsoleUser> createUser(@RequestBody ConsoleUsers.NewUser user) {
        ConsoleUser created = users.create(user, Actor.current().label());
        return ResponseEntity.created(URI.create("/api/access/users/" + created.username())).body(created);
    }

    @Operation(summary = "List console users")
    @GetMapping("/users")
    List<ConsoleUser> users() {
        return users.list();
    }

    @Operation(summary = "Read a console user")
    @GetMapping("/users/{username}")
    ConsoleUser user(@PathVariable String username) {
        return users.find(username).orElseThrow(() -> new dev.zaiko.platform.NotFoundException(
                "No user named " + username + "."));
    }

    @Operation(summary = "Change a console user",
            description = "Changes display name, role, language, email (empty removes it) or whether the user may sign in; fields left out stay. Zaiko keeps at least one enabled admin.")
    @ApiResponse(responseCode = "200", description = "The user as changed.")
    @ApiResponse(responseCode = "409", description = "The change would leave no enabled admin (last-admin).")
    @PutMapping("/users/{username}")
    ConsoleUser changeUser(@PathVariable String username, @RequestBody UserChange change) {
        return users.change(username, change.displayName(), change.role(), change.locale(), change.enabled(),
                change.email(), Actor.current().label());
    }

    @Operation(summary = "Set a console user's password")
    @ApiResponse(responseCode = "204", description = "The password is set.")
    @PostMapping("/users/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setPassword(@PathVariable String username, @RequestBody PasswordChange change) {
        users.setPassword(username, change.password());
    }

    @Operation(summary = "Create an API token",
            description = "Issues a token with one scope (READ, WRITE, SUPERVISOR or ADMIN) and an optional expiry in the future. The token's secret is in this response and nowhere else, ever: Zaiko stores only its hash.")
    @ApiResponse(responseCode = "201", description = "The token with its secret; Location names it.")
    @PostMapping("/tokens")
    ResponseEntity<CreatedToken> createToken(@RequestBody TokenRequest request) {
        ApiTokens.Issued issued = tokens.create(request.name(), request.scope(), request.expiresAt(),
                Actor.current().label());
        ApiToken t = issued.token();
        return ResponseEntity.created(URI.create("/api/access/tokens/" + t.id()))
                .body(new CreatedToken(t.id(), t.name(), t.prefix(), t.scope(), t.expiresAt(), issued.secret()));
    }

    @Operation(summary = "List API tokens",
            description = "Every token with its name, prefix, scope, expiry, last use and revocation; never a secret.")
    @GetMapping("/tokens")
    List<ApiToken> tokens() {
        return tokens.list();
    }

    @Operation(summary = "Revoke an API token",
            description = "The token stops working at once; the answer is the token as revoked, with who revoked it.")
    @DeleteMapping("/tokens/{id}")
    ApiToken revoke(@PathVariable UUID id) {
        return tokens.revoke(id, Actor.current().label());
    }

    @Operation(summary = "Read the audit trail",
            description = "Every change and sign-in, newest first, filtered by actor and action, before an instant (for paging back), limit 1 to 1000.")
    @GetMapping("/audit")
    List<AuditEntry> audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                           @RequestParam(required = false) Instant before,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.find(actor, action, before, limit);
    }
}
