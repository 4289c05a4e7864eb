package dev.zaiko.access;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.zaiko.platform.NotAudited;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes an audit line for every request that changed something and succeeded: any method but
 * GET, HEAD and OPTIONS, answered below 400. A refused request changed nothing, so it is not a
 * deed. The route's variables name the target; a signed link's token is left out (it is a key).
 */
final class AuditingChanges implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SECRET_VARIABLES = Set.of("token", "secret", "password");

    private final AuditTrail trail;

    AuditingChanges(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (READS.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)
                || method.hasMethodAnnotation(NotAudited.class)) {
            return;
        }
        int status = response.getStatus();
        if (status >= 400 || ex != null) return;
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = request.getMethod() + " " + (pattern == null ? request.getRequestURI() : pattern);
        String action = method.getBeanType().getSimpleName() + "." + method.getMethod().getName();
        Actor actor = Actor.current();
        if (actor.kind() == Actor.Kind.ANONYMOUS && request.getRequestURI().startsWith("/c/")) actor = Actor.CUSTOMER;
        trail.record(actor, action, route, target(request), status);
    }

    @SuppressWarnings("unchecked")
    private static String target(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(variables instanceof Map<?, ?> map) || map.isEmpty()) return "";
        return new TreeMap<>((Map<String, String>) map).entrySet().stream()
                .filter(e -> !SECRET_VARIABLES.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
