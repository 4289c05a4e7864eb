package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.RawHttp;
import dev.zaiko.support.RawHttp.Answer;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Someone guessing passwords on the console's sign-in form: locked out per user name and per client
 * address, told nothing about why, and let in again when the lock's minutes have passed. Each test
 * speaks from loopback addresses of its own (127.x.y.z), so its failures never lock anyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SignInThrottleTest {

    static final String PASSWORD = "the right password 42";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MovableClock clock;
    @Autowired
    PasswordEncoder passwords;

    AccessApi admin;
    final List<String> keys = new ArrayList<>();

    @BeforeEach
    void client() {
        admin = new AccessApi(port);
    }

    @AfterEach
    void forgetFailuresAndResetClock() {
        clock.reset();
        for (String key : keys) jdbc.update("delete from access_sign_in_failure where key = ?", key);
    }

    String user() {
        String username = ShopApi.unique("guess").toLowerCase();
        admin.ok(admin.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", username)
                .put("role", "OPERATOR").put("password", PASSWORD)));
        keys.add(username);
        return username;
    }

    RawHttp from() {
        String address = RawHttp.uniqueLoopback();
        keys.add(address);
        return new RawHttp(port, address);
    }

    /** Signed in: the console's front page opens instead of sending the browser to the sign-in page. */
    static boolean signedIn(RawHttp browser) {
        return browser.get("/").status() == 200;
    }

    /** What a person could compare between two answers: all but the date and the cookies' values. */
    static String shape(Answer a) {
        Set<String> names = new TreeSet<>(a.headers().keySet());
        names.remove("date");
        List<String> cookies = a.headers().getOrDefault("set-cookie", List.of()).stream()
                .map(c -> c.replaceFirst("=[^;]*", "=…")).sorted().toList();
        return a.status() + " " + a.location() + " " + names + " " + cookies + " [" + a.body() + "]";
    }

    @Test
    void fiveWrongPasswordsLockAUserForMinutesEvenAgainstTheRightPasswordAndAnUnknownNameIsAnsweredAlike() {
        String username = user();
        String unknown = ShopApi.unique("nobody").toLowerCase();
        keys.add(unknown);
        RawHttp guesser = from();
        RawHttp other = from();

        List<String> known = new ArrayList<>();
        List<String> nobody = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(shape(guesser.signIn(username, "wrong guess " + i)));
            nobody.add(shape(other.signIn(unknown, "wrong guess " + i)));
        }
        assertThat(known.get(0)).startsWith("302 ").contains("/login?error");
        assertThat(nobody).as("an unknown name gets exactly the answers a known one gets").isEqualTo(known);

        // the right password, from an address that never failed: the name is locked
        RawHttp owner = from();
        Answer refused = owner.signIn(username, PASSWORD);
        assertThat(shape(refused)).as("locked looks like a wrong password").isEqualTo(known.get(0));
        assertThat(signedIn(owner)).isFalse();
        // and the unknown name is locked alike: its sixth attempt answers as the known one's does
        assertThat(shape(from().signIn(unknown, PASSWORD))).isEqualTo(shape(from().signIn(username, PASSWORD)));

        assertThat(jdbc.queryForList("select target from access_audit where action = 'sign-in-locked' and actor = ?",
                String.class, username)).singleElement().asString().startsWith("user=" + username + " until=");
    }

    @Test
    void aLockedSignInStillCostsAPasswordComparison() {
        String username = user();
        RawHttp guesser = from();
        for (int i = 0; i < 5; i++) guesser.signIn(username, "wrong guess " + i);
        String hash = jdbc.queryForObject("select password_hash from access_user where username = ?", String.class,
                username);
        long comparison = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            passwords.matches("wrong guess", hash);
            comparison = Math.min(comparison, (System.nanoTime() - started) / 1_000_000);
        }
        List<Long> locked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawHttp browser = from();
            browser.get("/login");
            locked.add(browser.postForm("/login", Map.of("username", username, "password", PASSWORD)).millis());
        }
        // without the comparison a refusal would take a database read (a few ms), not a bcrypt's time
        assertThat(locked.stream().min(Comparator.naturalOrder()).orElseThrow())
                .as("bcrypt alone takes %d ms", comparison).isGreaterThanOrEqualTo(comparison / 2);
    }

    @Test
    void manyFailuresFromOneAddressLockThatAddressWhateverTheNames() {
        String username = user();
        String address = RawHttp.uniqueLoopback();
        keys.add(address);
        for (int i = 0; i < 20; i++) {
            String name = ShopApi.unique("spray").toLowerCase();
            keys.add(name);
            assertThat(new RawHttp(port, address).signIn(name, "123456").location()).endsWith("/login?error");
        }

        RawHttp sprayer = new RawHttp(port, address);
        assertThat(sprayer.signIn(username, PASSWORD).location()).endsWith("/login?error");
        assertThat(signedIn(sprayer)).as("the right password from the locked address").isFalse();

        RawHttp elsewhere = from();
        Answer in = elsewhere.signIn(username, PASSWORD);
        assertThat(in.location()).doesNotContain("error");
        assertThat(signedIn(elsewhere)).as("the same user from another address").isTrue();

        assertThat(jdbc.queryForList("select target from access_audit where action = 'sign-in-locked' and actor = ?",
                String.class, address)).singleElement().asString().startsWith("address=" + address + " until=");
    }

    @Test
    void theLockEndsWhenItsMinutesHavePassed() {
        String username = user();
        RawHttp guesser = from();
        for (int i = 0; i < 5; i++) guesser.signIn(username, "wrong guess " + i);

        clock.advance(Duration.ofMinutes(14));
        RawHttp early = from();
        early.signIn(username, PASSWORD);
        assertThat(signedIn(early)).as("14 minutes later: still locked").isFalse();

        clock.advance(Duration.ofMinutes(2));
        RawHttp later = from();
        assertThat(later.signIn(username, PASSWORD).location()).doesNotContain("error");
        assertThat(signedIn(later)).as("16 minutes later: open again").isTrue();
    }

    @Test
    void aSuccessfulSignInForgetsTheNamesEarlierFailures() {
        String username = user();
        RawHttp browser = from();
        for (int i = 0; i < 4; i++) browser.signIn(username, "wrong guess " + i);
        browser.signIn(username, PASSWORD);
        assertThat(signedIn(browser)).isTrue();

        RawHttp next = from();
        for (int i = 0; i < 4; i++) next.signIn(username, "wrong again " + i);
        RawHttp owner = from();
        owner.signIn(username, PASSWORD);
        assertThat(signedIn(owner)).as("four failures after a success lock nothing").isTrue();
    }
}
