package dev.zaiko.platform;

import java.util.Locale;

import jakarta.validation.MessageInterpolator;
import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * API problem details are written for developers and are English throughout, so validation
 * messages are too, whatever Accept-Language says (which would otherwise mix Japanese field
 * messages into English details). Shopper- and staff-facing texts come from the message bundles.
 */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean
    LocalValidatorFactoryBean defaultValidator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new EnglishMessages(new ResourceBundleMessageInterpolator()));
        return validator;
    }

    private record EnglishMessages(MessageInterpolator delegate) implements MessageInterpolator {
        @Override
        public String interpolate(String template, Context context) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }
    }
}
