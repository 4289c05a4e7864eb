package dev.zaiko.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller method anyone may call, without a token or a sign-in: for a caller that cannot
 * hold a Zaiko key (a platform's notice to a URL Zaiko handed it). The method must check the
 * proof the request carries itself (a signed URL) and answer as if nothing were there when it
 * fails. Like {@link Requires} it is read on the handler a request is dispatched to, so no other
 * spelling of a path is opened by it. Every use is listed in docs/security.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OpenToAnyone {
    /** Why no Zaiko key is asked, and what proves the request instead. */
    String value();
}
