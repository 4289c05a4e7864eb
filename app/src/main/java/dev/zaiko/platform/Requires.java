package dev.zaiko.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The authority a controller method (or every method of a controller class) needs, whether it is
 * reached through the API or the console. The access decision is made on the handler a request is
 * dispatched to, so no spelling of a path can reach a handler with less than this. On a method it
 * overrides the class's. Without it: {@link Authority#byDefault(String)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {
    Authority value();
}
