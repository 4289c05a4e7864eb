package dev.zaiko.connector;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.zaiko.connector.smaregi.SmaregiConnector;
import dev.zaiko.platform.OpenToAnyone;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Smaregi's door: the completion notice of a bulk stock update ({@link ReceivingSmaregiCallbacks}).
 * Open to anyone, since Smaregi cannot send a Zaiko token: the signed URL is the key. Left out of the
 * API document ({@link Hidden}): it is not an operation for Zaiko's API clients, and the document
 * names a token scope for every operation it lists.
 */
@RestController
@Hidden
class SmaregiCallbackController {

    /** A notice names the requestIds of bulk updates of at most 100 rows: a few KiB. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ReceivingSmaregiCallbacks callbacks;

    SmaregiCallbackController(ReceivingSmaregiCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @OpenToAnyone("Smaregi cannot send a Zaiko token; the URL's HMAC signature under the channel's callbackSecret is the proof")
    @Operation(summary = "Receive Smaregi's completion notice of a bulk stock update",
            description = "Posted by Smaregi to the signed callback URL Zaiko gave in PATCH /pos/stock/bulk. A URL Zaiko did not hand out for this channel (or a nonce no push of it was given) is answered 404 and changes nothing; the same notice again is answered 200 with nothing received. A failed update becomes the connector's last error and its SKUs are pushed again.")
    @PostMapping(SmaregiConnector.CALLBACK_PATH + "{channel}")
    ResponseEntity<?> receive(@PathVariable String channel, HttpServletRequest request) throws IOException {
        java.util.Optional<byte[]> read = PlatformNotices.body(request, MAX_BODY_BYTES);
        if (read.isEmpty()) return PlatformNotices.tooLarge("A Smaregi notice", MAX_BODY_BYTES);
        byte[] body = read.get();
        return ResponseEntity.ok(callbacks.receive(channel, query(request.getQueryString()), body));
    }

    /** The URL's own query (never the body, whatever its content type says). */
    static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) return query;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            try {
                query.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // not a parameter Zaiko wrote: left out, so the signature check fails
            }
        }
        return query;
    }
}
