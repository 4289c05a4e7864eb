package dev.zaiko.platform;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details written straight to a response, for the filters that answer before any
 * controller runs (security refusals, a body too large, the database away). The same shape and
 * type names as {@link ProblemDetailsAdvice} gives controllers' errors.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** A problem of type {@code https://zaiko.dev/problems/<type>}. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return ProblemDetailsAdvice.problem(status, type, title, detail);
    }

    /** Writes it as {@code application/problem+json} with its status; headers set before stay. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
