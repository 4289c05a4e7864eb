package dev.zaiko.access;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The browser-side guards on every console page, the sign-in page and the customers' pages, added
 * to Spring Security's defaults (X-Content-Type-Options: nosniff, X-Frame-Options: DENY,
 * Cache-Control on everything it guards, HSTS on HTTPS requests only):
 * <ul>
 * <li>Content-Security-Policy: scripts only from Zaiko's own files (no inline script, no
 * {@code eval}), styles and images from Zaiko itself ({@code data:} images too), no plugins,
 * forms post only to Zaiko, and no page of Zaiko may be framed by anyone
 * ({@code frame-ancestors 'none'}). The outbox's email page alone allows inline styles: it shows
 * an email as sent, in a sandboxed {@code srcdoc} frame that inherits the page's policy, and an
 * email's HTML is styled inline. Scripts stay blocked there twice (the policy and the sandbox).</li>
 * <li>Referrer-Policy: {@code same-origin} on the console; {@code no-referrer} on a customer's
 * page ({@code /c/**}, {@code /o/**}, {@code /w/**}), whose address is the key.</li>
 * <li>Cache-Control: {@code no-store} on a customer's page, whatever else is said.</li>
 * </ul>
 * A header a page sets itself is left as it is.
 */
final class SecurityHeaders implements HeaderWriter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String EMAIL_PAGE_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    private static final Pattern EMAIL_PAGE = Pattern.compile("/outbox/[^/.]+");

    private SecurityHeaders() {
    }

    /** What the console's filter chain adds to Spring Security's default headers. */
    static void console(HeadersConfigurer<HttpSecurity> headers) {
        headers.frameOptions(f -> f.deny()).addHeaderWriter(new SecurityHeaders());
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean customer = path.startsWith("/c/") || path.startsWith("/o/") || path.startsWith("/w/");
        if (!response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", EMAIL_PAGE.matcher(path).matches() ? EMAIL_PAGE_POLICY : POLICY);
        }
        if (!response.containsHeader("Referrer-Policy")) {
            response.setHeader("Referrer-Policy", customer ? "no-referrer" : "same-origin");
        }
        if (customer) {
            String cache = response.getHeader("Cache-Control");
            if (cache == null || !cache.contains("no-store")) response.setHeader("Cache-Control", "no-store");
        }
    }
}
