package dev.zaiko.connector;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.zaiko.platform.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What the platforms' open doors (Shopify's webhooks, Smaregi's callbacks) share: the raw body read
 * up to a bound, never past it, and the 413 that answers a larger one.
 */
final class PlatformNotices {

    private PlatformNotices() {
    }

    /** The raw body, empty when it is (or says it is) longer than {@code max} bytes: then it is not read on. */
    static Optional<byte[]> body(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) return Optional.empty();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(max + 1);
        }
        return body.length > max ? Optional.empty() : Optional.of(body);
    }

    /** @param what the notice, as the problem names it ("A Shopify webhook") */
    static ResponseEntity<?> tooLarge(String what, int max) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemResponses.problem(
                HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large",
                what + " may have at most " + max + " bytes; nothing was read or changed."));
    }
}
