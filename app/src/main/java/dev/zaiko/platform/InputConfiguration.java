package dev.zaiko.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hostile input is refused at the door, by one mechanism per way in (docs/security.md, "Hostile
 * input"): JSON bodies through {@link InputTextModule} on the application's JsonMapper (plus
 * Jackson's stream constraints, {@code spring.jackson.factory.constraints.read.*}), parameters and
 * path variables through {@link RequestTextInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
class InputConfiguration implements WebMvcConfigurer {

    InputConfiguration(@Value("${zaiko.input.max-text-length:" + InputText.DEFAULT_MAX_LENGTH + "}") int maxTextLength) {
        InputText.maxLength(maxTextLength);
    }

    @Bean
    JsonMapperBuilderCustomizer inputTextModule() {
        return builder -> builder.addModule(new InputTextModule());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequestTextInterceptor());
    }
}
