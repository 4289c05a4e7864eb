package dev.zaiko.payment;

import java.time.Clock;

import dev.zaiko.platform.SecretBox;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The built-in gateway, unless the application declares a {@link PaymentGateway} of its own.
 * <p>
 * An auto-configuration (listed in {@code META-INF/spring/...AutoConfiguration.imports}, kept out
 * of component scanning by Spring Boot) rather than a plain {@code @Configuration}: Spring Boot
 * decides auto-configurations after every bean of the application is registered, so the
 * condition sees a provider's adapter wherever and however it is declared.
 */
@AutoConfiguration
public class BuiltInGatewayConfiguration {

    @Bean
    @ConditionalOnMissingBean(PaymentGateway.class)
    BuiltInGateway builtInGateway(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                                  SecretBox secrets) {
        return new BuiltInGateway(jdbc, transactions, clock, secrets);
    }
}
