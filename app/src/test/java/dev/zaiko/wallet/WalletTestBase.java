package dev.zaiko.wallet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import dev.zaiko.support.MovableClock;

/**
 * The one Spring configuration every API test shares, with the wallet's Java API, a client for its
 * HTTP API, and a customer of its own per test (a fresh email: an empty wallet).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class WalletTestBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Wallets wallets;

    @Autowired
    MovableClock clock;

    WalletApi api;
    String customer;

    @BeforeEach
    void clientAndCustomer() {
        api = new WalletApi(port, jdbc);
        customer = WalletApi.uniqueEmail();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    java.time.LocalDate today() {
        return java.time.LocalDate.now(clock);
    }

    /** A made-up order number: the wallet keeps order numbers as opaque digits. */
    static String orderNumber() {
        return String.format("%017d", ORDERS.incrementAndGet());
    }

    private static final java.util.concurrent.atomic.AtomicLong ORDERS = new java.util.concurrent.atomic.AtomicLong(
            java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));

    WalletView.Lot lot(long id) {
        return wallets.wallet(customer).lots().stream().filter(l -> l.id() == id).findFirst().orElseThrow();
    }

    WalletView.Lot points(long amount, java.time.LocalDate validUntil) {
        return wallets.grantPoints(customer, amount, validUntil, "test", null);
    }

    WalletView.Lot gift(long amount, java.time.LocalDate validUntil) {
        return wallets.grantGiftBalance(customer, amount, validUntil, "test", null);
    }
}
