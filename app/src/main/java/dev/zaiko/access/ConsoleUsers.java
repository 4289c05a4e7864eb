package dev.zaiko.access;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's users: created by an admin (or at the first start), signed in with a form, their
 * password kept only as a bcrypt hash. A user is never deleted, only disabled, so the audit trail
 * keeps naming someone who exists.
 */
@Service
public class ConsoleUsers implements UserDetailsService {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
    /** bcrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused. */
    static final int MAX_PASSWORD_BYTES = 72;
    /** A plain address: something, one '@', a domain with a dot; no spaces. At most 254 characters (RFC 5321). */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final int MAX_EMAIL_LENGTH = 254;

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final AccessProperties properties;
    private final Clock clock;

    ConsoleUsers(JdbcTemplate jdbc, PasswordEncoder passwords, AccessProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
    }

    /** {@code email} is optional: supervisors and admins with one get the monthly report. */
    public record NewUser(String username, String displayName, Role role, String locale, String password,
                          String email) {
    }

    /** Someone who gets the supervisors' emails, and the language they read the console in. */
    public record Recipient(String email, String locale) {
    }

    /** Every field's mistake is reported at once (problem property {@code errors}), then nothing is made. */
    @Transactional
    public ConsoleUser create(NewUser user, String createdBy) {
        List<Map<String, Object>> errors = new java.util.ArrayList<>();
        String username = checked(errors, () -> username(user.username()));
        String displayName = checked(errors, () -> displayName(user.displayName(), username == null ? "" : username));
        if (user.role() == null) errors.addAll(errorsOf(field("role", "role is required: OPERATOR, SUPERVISOR or ADMIN")));
        String locale = checked(errors, () -> locale(user.locale()));
        String email = checked(errors, () -> email(user.email()));
        checked(errors, () -> {
            checkPassword(user.password());
            return null;
        });
        refuseIfAny(errors);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        try {
            jdbc.update("""
                    insert into access_user (id, username, display_name, password_hash, role, locale, enabled,
                                             created_by, created_at, password_changed_at, email)
                    values (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?)
                    """, id, username, displayName, passwords.encode(user.password()), user.role().name(), locale,
                    createdBy, Timestamp.from(now), Timestamp.from(now), email);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("user-exists", "A user named " + username + " already exists.",
                    Map.of("username", username));
        }
        return find(username).orElseThrow();
    }

    public List<ConsoleUser> list() {
        return jdbc.query("select * from access_user order by username", ConsoleUsers::row);
    }

    public Optional<ConsoleUser> find(String username) {
        if (username == null) return Optional.empty();
        return jdbc.query("select * from access_user where username = ?", ConsoleUsers::row,
                username.toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    /**
     * Who gets the supervisors' emails (the monthly report): enabled supervisors and admins that have an
     * email address, each with their console language; ordered by address.
     */
    public List<Recipient> reportRecipients() {
        return jdbc.query("""
                select email, locale from access_user
                where enabled and role in ('SUPERVISOR', 'ADMIN') and email is not null
                order by email, username""", (rs, n) -> new Recipient(rs.getString("email"), rs.getString("locale")))
                .stream().distinct().toList();
    }

    public boolean any() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from access_user)", Boolean.class));
    }

    /** Changes what an admin may change of a user; null leaves a field as it is. */
    @Transactional
    public ConsoleUser change(String username, String displayName, Role role, String locale, Boolean enabled,
                              String changedBy) {
        return change(username, displayName, role, locale, enabled, null, changedBy);
    }

    /**
     * Changes what an admin may change of a user; null leaves a field as it is, and an empty (blank)
     * {@code email} removes the address.
     */
    @Transactional
    public ConsoleUser change(String username, String displayName, Role role, String locale, Boolean enabled,
                              String email, String changedBy) {
        ConsoleUser user = existing(username);
        String newEmail = email == null ? user.email() : email(email);
        if (user.role() == Role.ADMIN && user.enabled()
                && ((role != null && role != Role.ADMIN) || Boolean.FALSE.equals(enabled))
                && activeAdmins() <= 1) {
            throw new ConflictException("last-admin", "Zaiko must keep at least one enabled admin; make another "
                    + "user admin first.");
        }
        jdbc.update("""
                update access_user set display_name = ?, role = ?, locale = ?, enabled = ?, email = ? where id = ?
                """,
                displayName == null ? user.displayName() : displayName(displayName, user.username()),
                role == null ? user.role().name() : role.name(),
                locale == null ? user.locale() : locale(locale),
                enabled == null ? user.enabled() : enabled,
                newEmail,
                user.id());
        return existing(username);
    }

    @Transactional
    public void setPassword(String username, String password) {
        ConsoleUser user = existing(username);
        checkPassword(password);
        jdbc.update("update access_user set password_hash = ?, password_changed_at = ? where id = ?",
                passwords.encode(password), Timestamp.from(clock.instant()), user.id());
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        List<UserDetails> found = jdbc.query("select username, password_hash, role, enabled from access_user where username = ?",
                (rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .authorities(AuthorityUtils.createAuthorityList(Role.valueOf(rs.getString("role")).authorities()))
                        .disabled(!rs.getBoolean("enabled"))
                        .build(),
                username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
        if (found.isEmpty()) throw new UsernameNotFoundException("No such user");
        return found.get(0);
    }

    private int activeAdmins() {
        Integer n = jdbc.queryForObject("select count(*) from access_user where role = 'ADMIN' and enabled", Integer.class);
        return n == null ? 0 : n;
    }

    private ConsoleUser existing(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("No user named " + username + "."));
    }

    void checkPassword(String password) {
        if (password == null || password.length() < properties.minPasswordLength()) {
            throw field("password", "password must be at least " + properties.minPasswordLength() + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw field("password", "password must be at most " + MAX_PASSWORD_BYTES + " bytes long (UTF-8)");
        }
        if (password.isBlank()) throw field("password", "password must not be only spaces");
    }

    private static String username(String username) {
        String u = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(u).matches()) {
            throw field("username", "username must be 2 to 40 characters: letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        return u;
    }

    private static String displayName(String displayName, String fallback) {
        String d = displayName == null || displayName.isBlank() ? fallback : displayName.trim();
        if (d.length() > 80) throw field("displayName", "displayName must be at most 80 characters");
        return d;
    }

    private static String locale(String locale) {
        if (locale == null || locale.isBlank()) return "ja";
        if (!locale.equals("ja") && !locale.equals("en")) throw field("locale", "locale must be ja or en");
        return locale;
    }

    /** Trimmed and lower-cased; blank means none. */
    static String email(String email) {
        if (email == null || email.isBlank()) return null;
        String e = email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(e).matches()) {
            throw field("email", "email must be an address like name@example.jp, at most " + MAX_EMAIL_LENGTH
                    + " characters");
        }
        return e;
    }

    static <T> T checked(List<Map<String, Object>> errors, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidRequestException e) {
            errors.addAll(errorsOf(e));
            return null;
        }
    }

    static void refuseIfAny(List<Map<String, Object>> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid-request", errors.stream().map(e -> e.get("field") + " "
                    + e.get("message")).collect(java.util.stream.Collectors.joining("; ")), Map.of("errors", errors));
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errorsOf(InvalidRequestException e) {
        return (List<Map<String, Object>>) e.properties().get("errors");
    }

    /** Every field a refusal from this module is about. */
    public static List<String> fieldsOf(InvalidRequestException e) {
        Object errors = e.properties().get("errors");
        if (!(errors instanceof List<?> list)) return List.of();
        return list.stream().filter(Map.class::isInstance).map(m -> String.valueOf(((Map<?, ?>) m).get("field")))
                .toList();
    }

    static InvalidRequestException field(String field, String message) {
        return new InvalidRequestException("invalid-request", message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static ConsoleUser row(ResultSet rs, int n) throws SQLException {
        return new ConsoleUser(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getString("locale"), rs.getBoolean("enabled"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("password_changed_at").toInstant(), rs.getString("email"));
    }
}
