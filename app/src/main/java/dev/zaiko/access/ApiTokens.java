package dev.zaiko.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens for integrations. A token is shown once, when created; Zaiko keeps its SHA-256.
 * Checking a token costs a database read at most once per {@link AccessProperties#tokenCache()}
 * per token, so the API's hot paths (reservations) do not wait on it; a revocation takes effect at
 * once on the node that revoked and within that time on the others.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "zk_";
    static final int MIN_BOOTSTRAP_LENGTH = 24;
    private static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final AccessProperties properties;
    private final Clock clock;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    ApiTokens(JdbcTemplate jdbc, AccessProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token just made: the only time its secret is known. */
    public record Issued(ApiToken token, String secret) {
    }

    /** Who a valid token speaks for. */
    record Holder(UUID id, String name, Scope scope) {
    }

    private record Checked(Optional<Holder> holder, Instant until, Instant lastUsedWritten) {
    }

    @Transactional
    public Issued create(String name, Scope scope, Instant expiresAt, String createdBy) {
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        return new Issued(insert(name, scope, expiresAt, createdBy, secret, secret.substring(0, 10)), secret);
    }

    /**
     * The token automation brings in {@code ZAIKO_BOOTSTRAP_TOKEN}: recorded once as an admin token
     * named "bootstrap", so a deployment script can call the API from the first start.
     */
    @Transactional
    public boolean provision(String secret, String name, String createdBy) {
        if (secret.length() < MIN_BOOTSTRAP_LENGTH) {
            throw new IllegalStateException("ZAIKO_BOOTSTRAP_TOKEN must be at least " + MIN_BOOTSTRAP_LENGTH
                    + " characters long; make one with: openssl rand -base64 32");
        }
        Integer known = jdbc.queryForObject("select count(*) from access_token where token_hash = ?", Integer.class,
                hash(secret));
        if (known != null && known > 0) return false;
        insert(name, Scope.ADMIN, null, createdBy, secret, secret.substring(0, 4)); // a chosen secret may be short: show little
        return true;
    }

    public List<ApiToken> list() {
        return jdbc.query("select * from access_token order by created_at desc, name", ApiTokens::row);
    }

    public boolean any() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from access_token)", Boolean.class));
    }

    @Transactional
    public ApiToken revoke(UUID id, String revokedBy) {
        jdbc.update("update access_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), revokedBy, id);
        ApiToken token = jdbc.query("select * from access_token where id = ?", ApiTokens::row, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No token " + id + "."));
        checked.clear(); // this node forgets at once; the others within the cache time
        return token;
    }

    /** The holder of a presented token, if it is known, not revoked and not expired. */
    Optional<Holder> check(String secret) {
        Instant now = clock.instant();
        String hash = hash(secret);
        Checked c = checked.get(hash);
        if (c == null || !now.isBefore(c.until())) {
            Optional<Holder> holder = jdbc.query("""
                    select id, name, scope from access_token
                    where token_hash = ? and revoked_at is null and (expires_at is null or expires_at > ?)
                    """, (rs, n) -> new Holder(rs.getObject("id", UUID.class), rs.getString("name"),
                    Scope.valueOf(rs.getString("scope"))), hash, Timestamp.from(now)).stream().findFirst();
            c = new Checked(holder, now.plus(properties.tokenCache()), c == null ? null : c.lastUsedWritten());
            if (checked.size() > 10_000) checked.clear(); // presented garbage must not grow memory
            checked.put(hash, c);
        }
        if (c.holder().isPresent() && (c.lastUsedWritten() == null
                || !now.isBefore(c.lastUsedWritten().plus(LAST_USED_EVERY)))) {
            checked.put(hash, new Checked(c.holder(), c.until(), now));
            jdbc.update("update access_token set last_used_at = ? where id = ?", Timestamp.from(now),
                    c.holder().get().id());
        }
        return c.holder();
    }

    private ApiToken insert(String name, Scope scope, Instant expiresAt, String createdBy, String secret, String prefix) {
        String n = name == null ? "" : name.trim();
        Instant now = clock.instant();
        List<Map<String, Object>> errors = new java.util.ArrayList<>();
        if (n.isEmpty() || n.length() > 80) errors.addAll(ConsoleUsers.errorsOf(ConsoleUsers.field("name",
                "name must be 1 to 80 characters")));
        if (scope == null) errors.addAll(ConsoleUsers.errorsOf(ConsoleUsers.field("scope",
                "scope is required: READ, WRITE or ADMIN")));
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.addAll(ConsoleUsers.errorsOf(ConsoleUsers.field("expiresAt", "expiresAt must be in the future")));
        }
        ConsoleUsers.refuseIfAny(errors);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into access_token (id, name, prefix, token_hash, scope, created_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, id, n, prefix, hash(secret), scope.name(), createdBy,
                Timestamp.from(now), expiresAt == null ? null : Timestamp.from(expiresAt));
        return jdbc.query("select * from access_token where id = ?", ApiTokens::row, id).get(0);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ApiToken row(ResultSet rs, int n) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                Scope.valueOf(rs.getString("scope")), rs.getString("created_by"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
