package dev.zaiko.shop;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The one place for what every page a customer opens through a signed link has in common (the
 * order status page {@code /o/} in web, the decision page {@code /c/} in contact): the page's
 * language from {@code ?lang=}, the shop's name and how to reach it, dates in the customer's
 * words, and how the page is answered. The pages' shared markup is
 * {@code templates/customer/layout.html}, which reads the model this class starts.
 * <p>
 * Every answer is {@code no-store} (a shared computer's back button must not show the order),
 * {@code no-referrer} (the link is the key) and {@code noindex}.
 */
@Component
public class CustomerFacing {

    private final ShopProperties shop;
    private final ITemplateEngine templates;
    private final Clock clock;

    CustomerFacing(ShopProperties shop, ITemplateEngine templates, Clock clock) {
        this.shop = shop;
        this.templates = templates;
        this.clock = clock;
    }

    /** {@code ?lang=en} or {@code ?lang=ja} when given, else the customer's own language. */
    public static Locale locale(String lang, Locale otherwise) {
        if ("en".equals(lang)) return Locale.ENGLISH;
        if ("ja".equals(lang)) return Locale.JAPANESE;
        return otherwise;
    }

    /** The language of a page that shows nothing of an order (a link that does not open): {@code ?lang=} or Japanese. */
    public static Locale locale(String lang) {
        return "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE;
    }

    /**
     * A page's model, started with what the layout shows: {@code lang} and {@code otherLang} (the
     * language switch), {@code shopName}, {@code shopPhone} and {@code shopEmail}.
     */
    public Map<String, Object> model(Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lang", locale.getLanguage());
        m.put("otherLang", Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "ja" : "en");
        m.put("shopName", shop.name(locale));
        m.put("shopPhone", shop.phone());
        m.put("shopEmail", shop.email());
        return m;
    }

    /** A day as the customer reads it: 2026年11月24日 / 24 Nov 2026. */
    public String date(LocalDate date, Locale locale) {
        return CustomerDates.format(date, locale);
    }

    /** The day of a moment, in the shop's zone. */
    public String day(Instant at, Locale locale) {
        return CustomerDates.format(at.atZone(clock.getZone()).toLocalDate(), locale);
    }

    /** A moment in the shop's zone: 11月24日（火）10:00 / Tue 24 Nov, 10:00. */
    public String dateTime(Instant at, Locale locale) {
        return CustomerDates.format(at, clock.getZone(), locale);
    }

    /**
     * The model with the request's CSRF token ({@code csrfParameter}, {@code csrfToken}), for a page
     * with a form: the pages are rendered by hand, without a web context, so the forms' CSRF field
     * is not added for us. Reading the token sets the browser's CSRF cookie with this answer.
     */
    public Map<String, Object> withCsrfToken(Map<String, Object> model) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object csrf = request == null ? null
                : request.getAttribute(CsrfToken.class.getName(), RequestAttributes.SCOPE_REQUEST);
        if (!(csrf instanceof CsrfToken token)) return model;
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("csrfParameter", token.getParameterName());
        all.put("csrfToken", token.getToken());
        return all;
    }

    /** The page rendered from {@code templates/<template>.html}, answered as every customer page is. */
    public ResponseEntity<String> page(HttpStatus status, String template, Map<String, Object> model, Locale locale) {
        String body = templates.process(template, new Context(locale, model));
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex").body(body);
    }
}
