package dev.zaiko.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field that is genuinely multi-line (typed in a text area: call notes, a personal line, a
 * reason): it may hold TAB, LF and CR. Every other text field takes a single line; no field takes
 * any other control character ({@link InputText}). Put it on a JSON request record's component or
 * on a {@code @RequestParam}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface MultiLineText {

    /**
     * A longer limit than {@code zaiko.input.max-text-length} for a field whose texts are longer
     * (a whole email draft for the tone check); 0 means the global limit.
     */
    int maxLength() default 0;
}
