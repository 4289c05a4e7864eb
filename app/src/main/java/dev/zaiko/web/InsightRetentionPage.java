package dev.zaiko.web;

import java.time.Clock;

import dev.zaiko.insight.KeepingCustomers;
import dev.zaiko.insight.MonthRange;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Did recovery keep the customer?": the share of customers who ordered again after a stockout, by
 * outcome and by contact speed, against those without one. Reading only (LOOK).
 */
@Controller
class InsightRetentionPage {

    private final KeepingCustomers keeping;
    private final Clock clock;

    InsightRetentionPage(KeepingCustomers keeping, Clock clock) {
        this.keeping = keeping;
        this.clock = clock;
    }

    @GetMapping("/insight/retention")
    String retention(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     Model model) {
        MonthRange range;
        try {
            range = MonthRange.of(from, to, clock);
        } catch (InvalidRequestException e) {
            model.addAttribute("rangeError", e.getMessage());
            range = MonthRange.of(null, null, clock);
        }
        model.addAttribute("range", range);
        model.addAttribute("retention", keeping.of(range));
        return "console/insight/retention";
    }
}
