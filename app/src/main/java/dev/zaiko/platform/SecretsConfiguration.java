package dev.zaiko.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link SecretBox} every module seals its secrets with, keyed as {@link SecretsKey} resolves
 * it, and the start-up check that the key is the one the database's secrets were sealed with.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SecretBox secretBox(SecretsProperties secrets, ZaikoProperties zaiko, Environment environment) {
        boolean external = environment.containsProperty("spring.datasource.url");
        return SecretBox.withKey(SecretsKey.resolve(secrets.key(), secrets.keyFile(), external, zaiko.dataDir()));
    }

    @Bean
    SecretsKeyCheck secretsKeyCheck(SecretBox box, Clock clock) {
        return new SecretsKeyCheck(box, clock);
    }
}
