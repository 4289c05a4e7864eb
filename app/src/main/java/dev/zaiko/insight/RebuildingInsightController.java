package dev.zaiko.insight;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An admin's rebuild of every insight read table from the journal. */
@RestController
class RebuildingInsightController {

    private final RebuildingInsight rebuilding;

    RebuildingInsightController(RebuildingInsight rebuilding) {
        this.rebuilding = rebuilding;
    }

    @Operation(summary = "Rebuild the insight tables from the journal",
            description = "Empties every insight read table and folds every fact kept in the journal into them "
                    + "again, in the order they happened; readers see the old tables until it is done. Answers how "
                    + "many facts were folded into which tables.")
    @Requires(Authority.ADMINISTER)
    @PostMapping("/api/insight/rebuild")
    RebuildingInsight.Rebuilt rebuild() {
        return rebuilding.rebuild();
    }
}
