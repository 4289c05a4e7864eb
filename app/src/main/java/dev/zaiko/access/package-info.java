/**
 * Who may do what: the console's users (form sign-in, roles OPERATOR, SUPERVISOR, ADMIN), the
 * API's bearer tokens (scopes read, write, admin; stored hashed, revocable), the first admin and
 * bootstrap token at start, and the audit trail of every change and sign-in. Owns the tables
 * {@code access_user}, {@code access_token}, {@code access_audit} and {@code access_sign_in_failure}
 * (failed sign-ins counted per name and address, and their locks), and the web security rules
 * (which paths are public, which need a session, which a token) and headers.
 * <p>
 * See docs/security.md.
 */
@dev.zaiko.platform.ApiTag("Who may do what: console users, API tokens with their scope, and the audit trail.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "shop"})
package dev.zaiko.access;
