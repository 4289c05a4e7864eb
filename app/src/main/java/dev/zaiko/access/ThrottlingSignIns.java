package dev.zaiko.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The console's sign-in, held off for someone guessing passwords. Failed sign-ins are counted per
 * user name (known or not) and per client address in {@code access_sign_in_failure}, so every
 * instance on the database counts the same ones. {@code zaiko.access.sign-in.max-failures-per-user}
 * failures within the window lock the name, {@code max-failures-per-address} lock the address,
 * each for {@code lock-for}; the lock is written to the audit trail ({@code sign-in-locked}).
 * <p>
 * While a name or address is locked every sign-in with it is refused, the right password too.
 * The answer never tells why: a locked user, a wrong password, an unknown or a disabled user all
 * get the same redirect to {@code /login?error}, and all of them pay for one bcrypt comparison
 * (an unknown name is compared with a stand-in hash), so neither the answer nor its time says
 * which it was.
 * <p>
 * The client address is {@code request.getRemoteAddr()}: behind a reverse proxy it is the
 * proxy's, unless {@code server.forward-headers-strategy} is set so that Tomcat reads
 * {@code X-Forwarded-For} from trusted proxies.
 */
@Component
public class ThrottlingSignIns {

    private static final Logger log = LoggerFactory.getLogger(ThrottlingSignIns.class);
    static final String USER = "USER";
    static final String ADDRESS = "ADDRESS";
    /** A typed name longer than any user name is kept cut: it can never be a user anyway. */
    private static final int MAX_KEY = 100;

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final SignInProperties properties;
    private final Clock clock;
    private final DaoAuthenticationProvider passwords;
    private final AuthenticationManager manager;

    ThrottlingSignIns(JdbcTemplate jdbc, AuditTrail audit, SignInProperties properties, Clock clock,
                      ConsoleUsers users, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        // a disabled user's password is compared too, then refused: the time says nothing either
        this.passwords.setPreAuthenticationChecks(user -> { });
        this.passwords.setPostAuthenticationChecks(ThrottlingSignIns::usable);
        this.manager = new ProviderManager(new Provider());
    }

    /** What the console's form sign-in authenticates with (and nothing else: no fallback to another manager). */
    public AuthenticationManager manager() {
        return manager;
    }

    private final class Provider implements AuthenticationProvider {
        @Override
        public Authentication authenticate(Authentication presented) throws AuthenticationException {
            return signIn(presented);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    Authentication signIn(Authentication presented) {
        String user = userKey(presented.getName());
        String address = addressKey(presented.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null);
        List<String> locked = locked(user, address);
        Authentication result;
        try {
            // always: a locked sign-in costs the same bcrypt comparison as any other
            result = passwords.authenticate(presented);
        } catch (AuthenticationException e) {
            failed(user, address, locked);
            throw refused();
        }
        if (!locked.isEmpty()) {
            log.info("Sign-in refused for a locked {}", String.join(" and ", locked).toLowerCase(Locale.ROOT));
            throw refused();
        }
        jdbc.update("delete from access_sign_in_failure where kind = ? and key = ?", USER, user);
        return result;
    }

    /** Which of the two (USER, ADDRESS) are locked now. */
    List<String> locked(String user, String address) {
        return jdbc.queryForList("""
                select kind from access_sign_in_failure
                where ((kind = 'USER' and key = ?) or (kind = 'ADDRESS' and key = ?)) and locked_until > ?
                order by kind desc
                """, String.class, user, address, Timestamp.from(clock.instant()));
    }

    /** Counts a failure for the name and the address, unless already locked, and locks what reached its limit. */
    private void failed(String user, String address, List<String> locked) {
        Instant now = clock.instant();
        if (!locked.contains(USER)) count(USER, user, properties.maxFailuresPerUser(), now);
        if (!locked.contains(ADDRESS)) count(ADDRESS, address, properties.maxFailuresPerAddress(), now);
        // counts whose window has passed and that lock nothing are forgotten
        jdbc.update("delete from access_sign_in_failure where window_start <= ? and (locked_until is null or locked_until <= ?)",
                Timestamp.from(now.minus(properties.window())), Timestamp.from(now));
    }

    private void count(String kind, String key, int max, Instant now) {
        Timestamp windowStart = Timestamp.from(now.minus(properties.window()));
        // one row per name or address, counted under its row lock: two instances never lose a failure
        Integer failures = jdbc.queryForObject("""
                insert into access_sign_in_failure as f (kind, key, window_start, failures) values (?, ?, ?, 1)
                on conflict (kind, key) do update set
                    failures = case when f.window_start <= ? then 1 else f.failures + 1 end,
                    window_start = case when f.window_start <= ? then excluded.window_start else f.window_start end
                returning failures
                """, Integer.class, kind, key, Timestamp.from(now), windowStart, windowStart);
        if (failures == null || failures < max) return;
        Instant until = now.plus(properties.lockFor());
        // the counting starts again after the lock; only the instance that set the lock records it
        int set = jdbc.update("""
                update access_sign_in_failure set locked_until = ?, failures = 0, window_start = ?
                where kind = ? and key = ? and failures >= ?
                """, Timestamp.from(until), Timestamp.from(now), kind, key, max);
        if (set == 1) {
            log.warn("Sign-in locked for {} {} until {} after {} failures", kind.toLowerCase(Locale.ROOT), key, until,
                    failures);
            audit.record(new Actor(Actor.Kind.ANONYMOUS, key), "sign-in-locked", "POST " + SecurityConfiguration.LOGIN,
                    kind.toLowerCase(Locale.ROOT) + "=" + key + " until=" + until, 302);
        }
    }

    private static BadCredentialsException refused() {
        return new BadCredentialsException("Bad credentials");
    }

    private static void usable(UserDetails user) {
        if (!user.isAccountNonLocked()) throw new LockedException("locked");
        if (!user.isEnabled()) throw new DisabledException("disabled");
        if (!user.isAccountNonExpired()) throw new AccountExpiredException("expired");
        if (!user.isCredentialsNonExpired()) throw new CredentialsExpiredException("credentials expired");
    }

    /** The name as the users table keeps it (trimmed, lower case), so "Sato" and "sato " count together. */
    static String userKey(String typed) {
        String name = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        return name.length() > MAX_KEY ? name.substring(0, MAX_KEY) : name;
    }

    /** The client's address; an IPv6 address by its /64 network, since one host can use a whole /64. */
    static String addressKey(String remote) {
        if (remote == null || remote.isBlank()) return "unknown";
        if (remote.indexOf(':') < 0) return remote;
        try {
            byte[] bytes = InetAddress.getByName(remote).getAddress();
            if (bytes.length != 16) return InetAddress.getByAddress(bytes).getHostAddress();
            byte[] network = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return remote.length() > MAX_KEY ? remote.substring(0, MAX_KEY) : remote;
        }
    }
}
