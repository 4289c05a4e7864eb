package dev.zaiko.bench;

import java.net.URI;
import java.util.Map;

import dev.zaiko.order.OrderRequest;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline endpoint, added to Zaiko only in the bench: it takes the same order body through
 * the same HTTP stack, JSON reading and bean validation as {@code POST /api/orders} and answers
 * 201 with a small JSON, touching no database. Orders/s against it is the ceiling of everything
 * around the order logic on this machine, with this load generator.
 */
@RestController
class EchoEndpoint {

    static final String PATH = "/api/bench/echo-order";
    static final String NOOP_PATH = "/api/bench/noop";

    @PostMapping(PATH)
    ResponseEntity<Map<String, Object>> echo(@Valid @RequestBody OrderRequest order) {
        return ResponseEntity.created(URI.create(PATH)).body(Map.of("status", "ALLOCATED", "channel", order.channel(),
                "lines", order.lines().size()));
    }

    /** The propagation bench's baseline: an HTTP round trip that does nothing. */
    @GetMapping(NOOP_PATH)
    Map<String, Object> noop() {
        return Map.of("ok", true);
    }
}
