package dev.zaiko.platform.outbound;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    /** The system's DNS; tests declare a primary one that makes names point where a test needs. */
    @Bean
    @ConditionalOnMissingBean
    HostResolver hostResolver() {
        return HostResolver.SYSTEM;
    }
}
