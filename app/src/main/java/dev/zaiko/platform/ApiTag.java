package dev.zaiko.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a module's API is about, on the module's {@code package-info.java}: the description of
 * the module's tag in the OpenAPI document. The tag itself is the module's name, taken from the
 * package of each controller ({@code ApiDocumentation}), so a new module with a controller only
 * describes itself here, in its own package.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface ApiTag {

    /** What an integrator finds under the module's tag (English, one or two sentences). */
    String value();
}
