package dev.zaiko.platform;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Tests replace this bean to move time; nothing in Zaiko calls Instant.now() directly. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(ZaikoProperties properties) {
        return Clock.system(properties.zone());
    }
}
