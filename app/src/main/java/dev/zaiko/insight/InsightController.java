package dev.zaiko.insight;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;

@RestController
@RequestMapping("/api/insight")
class InsightController {

    private final KeepingCustomers keeping;
    private final RebuildingInsight rebuilding;
    private final Clock clock;

    InsightController(KeepingCustomers keeping, RebuildingInsight rebuilding, Clock clock) {
        this.keeping = keeping;
        this.rebuilding = rebuilding;
        this.clock = clock;
    }

    @Operation(summary = "Did recovery keep the customer?",
            description = "For customers who had a stockout in the months from..to (the shop's time zone, both "
                    + "included; default the last twelve), the share who ordered again within 30 and 90 days, by "
                    + "how the case ended and by how fast the shop first got in touch, against customers who "
                    + "ordered in those months without one. A window counts only customers it had time for "
                    + "(eligible). docs/insight.md#retention")
    @GetMapping("/retention")
    KeepingCustomers.Retention retention(@RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to) {
        return keeping.of(MonthRange.of(from, to, clock));
    }

    @Operation(summary = "Rebuild every insight table from the journal",
            description = "Empties the read tables and folds every fact the journal keeps into them again, in the "
                    + "order they happened; the report reads the same before and after. Live facts wait meanwhile.")
    @Requires(Authority.ADMINISTER)
    @PostMapping("/rebuild")
    RebuildingInsight.Rebuilt rebuild() {
        return rebuilding.rebuild();
    }
}
