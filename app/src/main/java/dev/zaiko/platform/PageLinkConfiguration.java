package dev.zaiko.platform;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in pages are written as they are. Spring Boot turns the static resource chain on (a WebJars
 * locator is on the classpath) and then passes every URL a template writes ({@code @{...}}) through
 * {@link ResourceUrlEncodingFilter}: each link, {@code /cases/…} or a form's action included, was
 * looked up as a static resource in every resource location of the jar, about a millisecond each, so a
 * page with a few hundred links spent most of its time there (docs/benchmarks.md, insight). Zaiko
 * configures no versioned resource URLs and its templates name WebJars with their version, so the
 * filter changed no link; it is not registered (Boot steps back when a registration for it exists).
 * Static resources are served as before.
 */
@Configuration(proxyBeanMethods = false)
class PageLinkConfiguration {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
