package dev.zaiko.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/** Every test context resolves outbound hosts through a {@link FakeDns} (test profile only). */
@Configuration(proxyBeanMethods = false)
@Profile("test")
class TestDnsConfiguration {

    @Bean
    @Primary
    FakeDns fakeDns() {
        return new FakeDns();
    }
}
