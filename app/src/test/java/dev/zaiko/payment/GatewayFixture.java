package dev.zaiko.payment;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The built-in gateway wired by hand over one database, without a Spring context. */
final class GatewayFixture {

    final JdbcTemplate jdbc;
    final BuiltInGateway gateway;

    GatewayFixture(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.gateway = new BuiltInGateway(jdbc, new DataSourceTransactionManager(dataSource), Clock.systemUTC(),
                dev.zaiko.support.TestSecrets.shared());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static GatewayPayment card(String reference, String status, long amount) {
        return new GatewayPayment(reference, "CREDIT_CARD", status, amount, "20261120000000017");
    }

    BuiltInGateway.Books books(String reference) {
        return gateway.books(reference).orElseThrow(() -> new AssertionError("no payment " + reference));
    }

    /** Operations the key moved money with (0 or 1, never more). */
    int moved(String key) {
        return jdbc.queryForObject("select count(*) from gateway_operation where idempotency_key = ?", Integer.class, key);
    }

    boolean known(String reference) {
        return jdbc.queryForObject("select exists (select 1 from gateway_payment where reference = ?)", Boolean.class,
                reference);
    }

    List<String> operations(String reference) {
        return books(reference).operations().stream().map(BuiltInGateway.Entry::operation).toList();
    }
}
