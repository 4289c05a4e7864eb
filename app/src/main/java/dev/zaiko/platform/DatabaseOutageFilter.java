package dev.zaiko.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database away while a filter needed it, before any controller ran (an API token checked
 * against {@code access_token}, a console session's user): answered like a controller's outage,
 * 503 {@code database-unavailable} with {@code Retry-After}, instead of the servlet container's
 * 500. Runs outside the security filters. Anything else passes through unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    DatabaseOutageFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) throw e;
            ProblemDetail problem = ProblemDetailsAdvice.databaseUnavailable(e).getBody();
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            problems.write(response, problem);
        }
    }

    /** An error page rendered after a failure is the container's own dispatch: not wrapped again. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
