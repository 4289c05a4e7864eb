package dev.zaiko.deal;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A deal's waitlist over the API: the storefront joins customers; the shop reads and removes them.
 * Spelled {@code /api/deals/{code}/waitlist} and, as in the design's API sketch,
 * {@code /api/waitlists/{code}/entries}: the same operations.
 */
@RestController
@RequestMapping({"/api/deals/{code}/waitlist", "/api/waitlists/{code}/entries"})
class WaitlistController {

    private final JoiningWaitlists joining;
    private final ReadingWaitlists reading;
    private final LeavingWaitlists leaving;

    WaitlistController(JoiningWaitlists joining, ReadingWaitlists reading, LeavingWaitlists leaving) {
        this.joining = joining;
        this.reading = reading;
        this.leaving = leaving;
    }

    @Operation(summary = "Join a sold-out deal's waitlist",
            description = "The storefront calls this on the customer's click. One place per deal and email address; "
                    + "a confirmation email with a one-click leave link is sent.")
    @ApiResponse(responseCode = "201", description = "The customer's new place in line.")
    @ApiResponse(responseCode = "200", description = "The customer was in line already (or took a unit): the same place.")
    @ApiResponse(responseCode = "409", description = "The deal still has units (deal-not-sold-out), has not started "
            + "(deal-not-started) or has ended (deal-ended).")
    @PostMapping
    ResponseEntity<WaitlistEntry> join(@PathVariable String code, @RequestBody(required = false) JoiningWaitlists.Request body) {
        JoiningWaitlists.Joined joined = joining.join(code, body);
        return joined.created()
                ? ResponseEntity.created(URI.create("/api/deals/" + code + "/waitlist/" + joined.entry().id()))
                .body(joined.entry())
                : ResponseEntity.ok(joined.entry());
    }

    @Operation(summary = "A deal's waitlist", description = "Everyone who joined, first first, with status, position "
            + "(among those still in line) and, for an offer, its reservation and until when it is held.")
    @GetMapping
    List<WaitlistEntry> list(@PathVariable String code) {
        return reading.list(code);
    }

    @Operation(summary = "Take a customer out of a deal's waitlist",
            description = "An offered unit is released and goes to the next in line. Repeating it changes nothing.")
    @DeleteMapping("/{id}")
    WaitlistEntry leave(@PathVariable String code, @PathVariable UUID id) {
        return leaving.leave(code, id);
    }
}
