package dev.zaiko.access;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.OpenToAnyone;
import dev.zaiko.platform.Requires;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The authority a request needs, read from the handler the request will be dispatched to: the
 * handler's {@link Requires} (method first, then class), else {@link Authority#byDefault}.
 * <p>
 * The handler is found the way the DispatcherServlet finds it (the same handler mappings in the
 * same order, on the same parsed, decoded path), so however a path is spelled, the rule that
 * applies is the rule of the code that will run. A request no handler takes (404, 405) needs the
 * default; nothing of ours runs for it. The look-up runs on a copy of the request's attributes, so
 * it leaves no trace for the real dispatch.
 */
@Component
class NeededAuthority {

    private final ApplicationContext context;
    private volatile List<HandlerMapping> mappings;

    NeededAuthority(ApplicationContext context) {
        this.context = context;
    }

    Authority of(HttpServletRequest request) {
        return need(request).authority();
    }

    /**
     * What the request needs: the authority, or nothing at all when the handler it reaches is
     * {@link OpenToAnyone} (it checks the request's own proof instead).
     */
    Need need(HttpServletRequest request) {
        return handlerOf(request)
                .filter(HandlerMethod.class::isInstance)
                .map(HandlerMethod.class::cast)
                .map(handler -> new Need(of(handler, request.getMethod()), open(handler)))
                .orElseGet(() -> new Need(Authority.byDefault(request.getMethod()), false));
    }

    /** @param open the handler is {@link OpenToAnyone}: no key is asked, whatever {@code authority} says */
    record Need(Authority authority, boolean open) {
    }

    /** Whether anyone may call this handler without a key ({@link OpenToAnyone} on the method). */
    static boolean open(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), OpenToAnyone.class);
    }

    /**
     * The rule itself: what a call of this HTTP method to this handler needs. The access decision
     * asks it for every request; the API document ({@link DocumentedScopes}) asks it for every
     * operation it describes, so the document cannot say other than what is enforced.
     */
    static Authority of(HandlerMethod handler, String httpMethod) {
        return declared(handler).orElseGet(() -> Authority.byDefault(httpMethod));
    }

    /** The handler the dispatcher would pick for this request, if any. */
    Optional<Object> handlerOf(HttpServletRequest request) {
        HttpServletRequest probe = new Probe(request);
        ServletRequestPathUtils.parseAndCache(probe);
        for (HandlerMapping mapping : mappings()) {
            try {
                HandlerExecutionChain chain = mapping.getHandler(probe);
                if (chain != null) return Optional.of(chain.getHandler());
            } catch (Exception e) {
                // a near miss (wrong method, media type): the dispatcher will refuse it; nothing runs
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<Authority> declared(HandlerMethod handler) {
        Requires onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Requires.class);
        if (onMethod != null) return Optional.of(onMethod.value());
        return Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Requires.class))
                .map(Requires::value);
    }

    private List<HandlerMapping> mappings() {
        List<HandlerMapping> found = mappings;
        if (found == null) {
            // looked up on first use: the handler mappings are built after the security configuration
            found = new ArrayList<>(BeanFactoryUtils.beansOfTypeIncludingAncestors(context, HandlerMapping.class,
                    true, false).values());
            AnnotationAwareOrderComparator.sort(found);
            mappings = List.copyOf(found);
        }
        return found;
    }

    /** The request with attributes of its own: what a handler look-up writes stays here. */
    private static final class Probe extends HttpServletRequestWrapper {
        private static final Object REMOVED = new Object();
        private final Map<String, Object> attributes = new HashMap<>();

        Probe(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            Object own = attributes.get(name);
            if (own == REMOVED) return null;
            return own != null ? own : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value == null ? REMOVED : value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, REMOVED);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            List<String> names = new ArrayList<>();
            super.getAttributeNames().asIterator().forEachRemaining(n -> {
                if (!attributes.containsKey(n)) names.add(n);
            });
            attributes.forEach((n, v) -> {
                if (v != REMOVED) names.add(n);
            });
            return java.util.Collections.enumeration(names);
        }
    }
}
