package dev.zaiko.access;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Paths have one spelling. Spring Security's strict firewall already refuses {@code ;} parameters,
 * {@code //}, {@code /./}, {@code /../}, encoded slashes, dots and percent signs; this adds the two
 * it lets through: a percent-encoded character that never needs encoding (a letter, a digit,
 * {@code - . _ ~}, as in {@code /api/%61ccess}) and a trailing slash. Such a request is refused
 * with 400 before anything else looks at it (see {@link SecurityConfiguration}).
 * <p>
 * This is a second wall: the access decision itself is made on the handler a request reaches
 * ({@link NeededAuthority}), which no spelling changes.
 */
final class CanonicalPaths implements HttpFirewall {

    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) throws RequestRejectedException {
        Optional<String> why = ambiguity(request.getRequestURI());
        if (why.isPresent()) throw new RequestRejectedException(why.get());
        return strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    /** Why a raw request path could be read two ways, if it could. */
    static Optional<String> ambiguity(String rawPath) {
        if (rawPath == null) return Optional.empty();
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 < rawPath.length()) {
                int c = hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2));
                if (c >= 0 && unreserved((char) c)) {
                    return Optional.of("the path encodes '" + (char) c + "' as " + rawPath.substring(i, i + 3)
                            + ", which never needs encoding");
                }
            }
        }
        if (rawPath.length() > 1 && rawPath.endsWith("/")) return Optional.of("the path ends with a slash");
        return Optional.empty();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char c) {
        int d = Character.digit(c, 16);
        return d < 0 ? -1000 : d;
    }
}
