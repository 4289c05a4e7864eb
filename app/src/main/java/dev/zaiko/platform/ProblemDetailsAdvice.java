package dev.zaiko.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error leaves as {@code application/problem+json} (RFC 9457) with a {@code detail}
 * a person can act on. Field errors are listed in {@code errors} so a form can show them next
 * to the field.
 */
@RestControllerAdvice(basePackages = "dev.zaiko")
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://zaiko.dev/problems/";

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        HttpStatus status = HttpStatus.valueOf(e.httpStatus());
        ProblemDetail problem = problem(status, e.type(), titleOf(e.type()), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.type(), titleOf(e.type()), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, e.type(), titleOf(e.type()), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /**
     * PostgreSQL rolled the request's transaction back to break a deadlock (or could not get a lock
     * in time): two changes met on the same order or stock at the same moment, in opposite order.
     * Nothing of this request was kept, and sending it again is safe and will most likely succeed.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> busy(PessimisticLockingFailureException e) {
        logger.warn("A request lost a lock conflict and was rolled back: " + e.getClass().getSimpleName());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "busy-try-again", "Busy, try again",
                "Another change to the same order or stock happened at the same moment; this request was rolled back "
                        + "and changed nothing. Send it again.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /**
     * Arithmetic on a request's numbers that would overflow (Math.*Exact) or a number in text that
     * is not one: the input's fault, not ours. Nothing was kept (the transaction rolled back).
     */
    @ExceptionHandler({ArithmeticException.class, NumberFormatException.class})
    ProblemDetail numberOutOfRange(RuntimeException e) {
        logger.warn("A request's numbers could not be worked with: " + e.getClass().getSimpleName());
        return problem(HttpStatus.BAD_REQUEST, "number-out-of-range", "Number out of range",
                "A number in the request is too large or not a number Zaiko can work with; nothing was changed.");
    }

    /**
     * The safety net behind the validation: PostgreSQL refused a value the request carried (SQL
     * state class 22, data exception: a NUL byte in text 22021, a number out of range 22003, a
     * text too long 22001, an invalid date 22008...). The input's fault, so 400, and nothing of
     * SQL, the table or the value leaks into the answer. A unique key already taken (23505) is a
     * conflict with what is stored. Anything else the database refuses stays an internal error.
     */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ResponseEntity<ProblemDetail> database(org.springframework.dao.DataAccessException e) throws Exception {
        if (DatabaseUnavailable.isCause(e)) return databaseUnavailable(e);
        String state = sqlState(e);
        if (state != null && state.startsWith("22")) {
            logger.warn("The database refused a value of a request (SQL state " + state + ")");
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                    "A value in the request cannot be stored (too long, out of range or not valid text); "
                            + "nothing was changed."));
        }
        if ("23505".equals(state)) {
            logger.warn("A request collided with a stored unique key (SQL state 23505)");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "already-exists",
                    "Already exists", "Something with the same identity is already stored; nothing was changed."));
        }
        return unexpected(e);
    }

    /**
     * The database cannot be reached (down, restarting, no connection within the pool's timeout):
     * 503 with {@code Retry-After}, never 500. Whatever the request changed was not acknowledged;
     * a change cut off while it was being committed may still have been kept, so a client that
     * sends it again relies on the call's own idempotency (an order's externalRef) or looks first.
     */
    static ResponseEntity<ProblemDetail> databaseUnavailable(Throwable e) {
        org.slf4j.LoggerFactory.getLogger(ProblemDetailsAdvice.class).warn(
                "The database is unavailable; a request is answered 503 ({}, SQL state {})",
                e.getClass().getSimpleName(), DatabaseUnavailable.sqlState(e));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(unavailableProblem());
    }

    static ProblemDetail unavailableProblem() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "Zaiko cannot reach its database right now, so the request was not completed. Send it again after "
                        + "the time in Retry-After; a change is safe to repeat when it carries its own identity "
                        + "(an order's externalRef), otherwise look whether it took effect first.");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) return sql.getSQLState();
        }
        return null;
    }

    /** Anything unforeseen: log it for us, tell the caller plainly, leak no internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.web.HttpRequestMethodNotSupportedException) {
            throw e; // Spring's own web errors (404 routes, 405) are rendered by the base class
        }
        // the database away under a transaction manager (CannotCreateTransactionException) or the
        // reservation engine's future (CompletionException around an SQLException)
        if (DatabaseUnavailable.isCause(e)) return databaseUnavailable(e);
        logger.error("Unexpected error while handling a request", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "Zaiko could not complete the request because of an internal error; "
                        + "please try again, and tell the shop's administrator if it keeps happening."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::fieldError)
                .toList();
        String detail = errors.stream()
                .map(e -> e.get("field") + " " + e.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                detail.isEmpty() ? "The request is invalid." : detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Spring's own errors (missing parameter, wrong type, 404 route) get a type of ours too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String slug = status == null ? "error" : status.name().toLowerCase().replace('_', '-');
            problem.setType(URI.create(TYPE_BASE + slug));
        }
        return response;
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(e -> result.getMethodParameter().getParameterName() + " " + e.getDefaultMessage()))
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(
                problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        tools.jackson.core.JacksonException json = jacksonCause(ex);
        String field = json == null ? null : fieldOf(json);
        if (json instanceof InputTextModule.RefusedText refused) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-text", "Invalid text",
                    (field == null ? "The body" : field) + " " + refused.getOriginalMessage() + ".");
            if (field != null) problem.setProperty("field", field);
            return ResponseEntity.badRequest().body(problem);
        }
        String cause = json != null ? json.getOriginalMessage() : ex.getMostSpecificCause().getMessage();
        String detail = "The request body is not valid JSON for this endpoint"
                + (field == null ? "" : " (at " + field + ")")
                + (cause == null ? "." : ": " + firstLine(cause));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-request", "Unreadable request", detail);
        if (field != null) problem.setProperty("field", field);
        return ResponseEntity.badRequest().body(problem);
    }

    /** A parameter or path variable of the wrong type (a letter where an id is a number): 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                ? m.getName() : ex.getPropertyName();
        String type = ex.getRequiredType() == null ? "the expected type" : ex.getRequiredType().getSimpleName();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                (name == null ? "A parameter" : name) + " is not a valid " + type + ".");
        if (name != null) problem.setProperty("field", name);
        return ResponseEntity.badRequest().body(problem);
    }

    private static tools.jackson.core.JacksonException jacksonCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException j) return j;
        }
        return null;
    }

    /** Jackson's path as a form names a field: {@code lines[0].sku}; null for the body as a whole. */
    static String fieldOf(tools.jackson.core.JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!field.isEmpty()) field.append('.');
                field.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : InputText.fault(field.toString(), false) == null ? field.toString() : "(a key)";
    }

    private static Map<String, Object> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage(),
                "rejectedValue", String.valueOf(error.getRejectedValue()));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    private static String titleOf(String type) {
        String words = type.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The first line, cut at 300 characters, with any control character shown as "?" (never echoed). */
    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        line = line.length() > 300 ? line.substring(0, 300) + "…" : line;
        return line.replaceAll("[\\p{Cc}\\p{Cs}]", "?");
    }
}
