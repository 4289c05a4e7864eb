package dev.zaiko.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request body announced larger than {@code zaiko.input.max-body-bytes} (default 25 MiB: the
 * largest CSV file an import takes is 20 MiB) is refused with 413 before anything reads it. A JSON
 * body is also cut off by Jackson's document limit (1,000,000 characters) while it is read, and a
 * form post by Tomcat's (2 MB), so neither needs a length to be announced.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemResponses problems;

    RequestSizeLimit(@Value("${zaiko.input.max-body-bytes:26214400}") long maxBytes, ProblemResponses problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            var problem = ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                    "Request too large", "The request body may have at most " + maxBytes
                            + " bytes; nothing was read or changed.");
            problem.setProperty("maxBytes", maxBytes);
            problems.write(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
