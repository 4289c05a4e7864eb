package dev.zaiko.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import javax.sql.DataSource;

import dev.zaiko.platform.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Which gateway carries refunds (docs/payment-gateway.md): a provider's adapter when the
 * application declares one, the built-in simulator only when chosen, else the manual route; and
 * the one INFO line at start that says which.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayReplacementTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PaymentGatewayConfiguration.class))
            .withUserConfiguration(Infrastructure.class);

    @Configuration(proxyBeanMethods = false)
    static class Infrastructure {
        // never connected to: building the gateway needs a data source, not a database
        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource("jdbc:postgresql://localhost:1/none");
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        dev.zaiko.platform.SecretBox secretBox() {
            return dev.zaiko.support.TestSecrets.box();
        }
    }

    /** A provider's adapter, as an application would declare it. */
    @Configuration(proxyBeanMethods = false)
    static class AcmePay {
        @Bean
        PaymentGateway acmePay() {
            return new PaymentGateway() {
                @Override
                public GatewayReceipt voidAuthorization(GatewayPayment payment, long amount, String key) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public GatewayReceipt refund(GatewayPayment payment, long amount, String key) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public GatewayReceipt payout(BankAccount account, long amount, String key) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public String name() {
                    return "acme-pay";
                }
            };
        }
    }

    @Test
    void withoutAnAdapterOrAChoiceRefundsGoToStaffByHandAndStartUpSaysSo(CapturedOutput output) {
        context.run(c -> {
            assertThat(c).hasSingleBean(PaymentGateway.class).hasSingleBean(ManualGateway.class)
                    .doesNotHaveBean(BuiltInGateway.class);
            assertThat(c.getBean(PaymentGateway.class).name()).isEqualTo("manual");
        });
        assertThat(output.getOut()).containsOnlyOnce("Payment gateway: manual (zaiko.payment.gateway unset)")
                .doesNotContain("Payment gateway: built-in");
    }

    @Test
    void theBuiltInSimulatorRunsOnlyWhenChosenAndStartUpCallsItASimulator(CapturedOutput output) {
        context.withPropertyValues("zaiko.payment.gateway=built-in").run(c -> {
            assertThat(c).hasSingleBean(PaymentGateway.class).hasSingleBean(BuiltInGateway.class)
                    .doesNotHaveBean(ManualGateway.class);
            assertThat(c.getBean(PaymentGateway.class).name()).isEqualTo("built-in");
        });
        assertThat(output.getOut()).containsOnlyOnce("Payment gateway: built-in").contains("SIMULATOR");
    }

    @Test
    void choosingTheManualRouteExplicitlyGivesTheManualRoute() {
        context.withPropertyValues("zaiko.payment.gateway=manual").run(c ->
                assertThat(c).hasSingleBean(ManualGateway.class).doesNotHaveBean(BuiltInGateway.class));
    }

    @Test
    void anUnknownGatewayChoiceStopsTheStartInsteadOfFallingBack() {
        context.withPropertyValues("zaiko.payment.gateway=stripe").run(c ->
                assertThat(c).hasFailed().getFailure().hasStackTraceContaining("zaiko.payment.gateway=stripe is not a gateway"));
    }

    @Test
    void anAdapterDeclaredAsABeanWinsOverTheBuiltInChoice(CapturedOutput output) {
        context.withUserConfiguration(AcmePay.class).withPropertyValues("zaiko.payment.gateway=built-in").run(c -> {
            assertThat(c).hasSingleBean(PaymentGateway.class).doesNotHaveBean(BuiltInGateway.class)
                    .doesNotHaveBean(ManualGateway.class);
            assertThat(c.getBean(PaymentGateway.class).name()).isEqualTo("acme-pay");
        });
        assertThat(output.getOut()).contains("Payment gateway: acme-pay").contains("does not apply");
    }

    @Test
    void theDevelopmentEndpointsAreOffWhenAnAdapterReplacedTheBuiltInGateway() {
        context.withUserConfiguration(AcmePay.class).run(c -> {
            GatewayController controller = new GatewayController(c.getBeanProvider(BuiltInGateway.class),
                    c.getBeanProvider(PaymentGateway.class));
            assertThatThrownBy(() -> controller.payment("pay-1")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("not in use").hasMessageContaining("acme-pay");
        });
    }
}
