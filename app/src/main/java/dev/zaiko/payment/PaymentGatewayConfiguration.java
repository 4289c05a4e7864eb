package dev.zaiko.payment;

import dev.zaiko.platform.SecretBox;
import java.time.Clock;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Which {@link PaymentGateway} carries refunds and payouts, decided in one place:
 * <ol>
 * <li>a provider's adapter the application declares as a bean, whatever {@value #PROPERTY} says;</li>
 * <li>else the {@link BuiltInGateway} simulator, only when chosen: {@code zaiko.payment.gateway=built-in}
 * (development, tests, {@code --demo}): it reports money as moved that never left anyone's bank;</li>
 * <li>else the {@link ManualGateway}: every void, refund and payout is a task for a person, and
 * nothing counts as refunded before a person confirms it.</li>
 * </ol>
 * Start-up logs the gateway in use in one INFO line. An unknown value of {@value #PROPERTY} stops
 * the start rather than quietly falling back.
 * <p>
 * An auto-configuration (listed in {@code META-INF/spring/...AutoConfiguration.imports}, kept out
 * of component scanning by Spring Boot) rather than a plain {@code @Configuration}: Spring Boot
 * decides auto-configurations after every bean of the application is registered, so the
 * condition sees a provider's adapter wherever and however it is declared. Within this class the
 * built-in bean is decided before the manual one, so the second condition sees the first.
 */
@AutoConfiguration
public class PaymentGatewayConfiguration {

    public static final String PROPERTY = "zaiko.payment.gateway";
    static final Set<String> CHOICES = Set.of(BuiltInGateway.NAME, ManualGateway.NAME);

    private static final Logger log = LoggerFactory.getLogger(PaymentGatewayConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(PaymentGateway.class)
    @ConditionalOnProperty(name = PROPERTY, havingValue = BuiltInGateway.NAME)
    BuiltInGateway builtInGateway(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                                  SecretBox secrets) {
        return new BuiltInGateway(jdbc, transactions, clock, secrets);
    }

    @Bean
    @ConditionalOnMissingBean(PaymentGateway.class)
    ManualGateway manualGateway(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                                SecretBox secrets) {
        return new ManualGateway(jdbc, transactions, clock, secrets);
    }

    /** Refuses an unknown choice and says, once, which gateway is in use. */
    @Bean
    static SmartInitializingSingleton paymentGatewayAnnouncement(Environment environment,
                                                                 ObjectProvider<PaymentGateway> gateways) {
        return () -> {
            String chosen = environment.getProperty(PROPERTY);
            if (chosen != null && !chosen.isBlank() && !CHOICES.contains(chosen.strip())) {
                throw new IllegalStateException(PROPERTY + "=" + chosen + " is not a gateway: use "
                        + BuiltInGateway.NAME + " (the simulator, for development and tests) or " + ManualGateway.NAME
                        + " (tasks for staff; the default), or declare a provider's adapter as a PaymentGateway bean");
            }
            PaymentGateway active = gateways.getIfUnique();
            if (active == null) return;
            log.info(announcement(active, chosen));
        };
    }

    static String announcement(PaymentGateway active, String chosen) {
        if (active instanceof BuiltInGateway) {
            return "Payment gateway: " + BuiltInGateway.NAME + " (" + PROPERTY + "=" + BuiltInGateway.NAME
                    + "): a SIMULATOR, refunds and payouts are reported done but no money moves; never in a real shop";
        }
        if (active instanceof ManualGateway) {
            return "Payment gateway: " + ManualGateway.NAME + " (" + PROPERTY + (chosen == null ? " unset" : "="
                    + chosen.strip()) + "): every card, debit and PayPay refund and every bank payout becomes a task "
                    + "for staff (GET /api/refunds/manual-tasks) and completes only when a person confirms it";
        }
        return "Payment gateway: " + active.name() + " (a provider's adapter declared by the application"
                + (chosen == null ? "" : "; " + PROPERTY + "=" + chosen.strip() + " does not apply") + ")";
    }
}
