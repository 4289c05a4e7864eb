package dev.zaiko.insight;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The call knowledge base's API: search calls and case emails; the approaches that kept customers. */
@RestController
@RequestMapping("/api/insight/calls")
class CallKnowledgeController {

    private final CallKnowledge knowledge;

    CallKnowledgeController(CallKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Operation(summary = "Search calls and case emails",
            description = "Calls about stockout cases and the emails the desk sent for them, newest first, "
                    + CallKnowledge.PAGE_SIZE + " a page: when, the case, its SKU and reason, CALL or EMAIL, the "
                    + "outcome (call outcome or email kind), the operator, what helped and what hurt (tags), the "
                    + "lesson, how the case was decided, and whether the customer was kept (ordered again within "
                    + CallKnowledge.KEPT_DAYS + " days of the case; null while not known yet). Filters: sku, reason, "
                    + "tag (exact, helped or hurt), q (words in the lesson and tags), outcome, from/to (the shop's "
                    + "days, both included). docs/insight.md")
    @ApiResponse(responseCode = "200", description = "One page of calls and case emails, newest first.")
    @ApiResponse(responseCode = "400", description = "A filter is not one; the problem's field names it.")
    @GetMapping
    CallKnowledge.CallPage search(@RequestParam(required = false) String sku,
                                  @RequestParam(required = false) String reason,
                                  @RequestParam(required = false) String tag,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String outcome,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String page) {
        return knowledge.search(knowledge.filter(sku, reason, tag, q, outcome, from, to, page));
    }

    @Operation(summary = "Approaches that kept customers, per case type",
            description = "For the cases detected from..to (the shop's days, both included; default all), per "
                    + "stockout reason: the tags operators gave as helped, ordered by how many of their cases kept "
                    + "the customer, and the tags given as hurt, each with the cases, how many have a known end, "
                    + "and how many kept the customer. docs/insight.md")
    @ApiResponse(responseCode = "200", description = "Per case type, the approaches and how often they kept the customer.")
    @ApiResponse(responseCode = "400", description = "from or to is not a date, or from is after to; field names it.")
    @GetMapping("/approaches")
    CallKnowledge.Approaches approaches(@RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to) {
        LocalDate f = CallKnowledge.date("from", from);
        LocalDate t = CallKnowledge.date("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw MonthRange.invalid("from", "from " + f + " is after to " + t + ".");
        }
        return knowledge.approaches(f, t);
    }
}
