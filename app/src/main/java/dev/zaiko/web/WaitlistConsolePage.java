package dev.zaiko.web;

import dev.zaiko.deal.Deal;
import dev.zaiko.deal.Deals;
import dev.zaiko.deal.ReadingWaitlists;
import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A deal's waitlist in the console: the line in order, each one's status and until when an offer holds. */
@Controller
class WaitlistConsolePage {

    private final Deals deals;
    private final ReadingWaitlists reading;

    WaitlistConsolePage(Deals deals, ReadingWaitlists reading) {
        this.deals = deals;
        this.reading = reading;
    }

    @GetMapping("/deals/{code}/waitlist")
    String waitlist(@PathVariable String code, Model model) {
        Deal deal = deals.find(code).orElseThrow(() -> new NotFoundException("No deal '" + code + "'."));
        model.addAttribute("deal", deal);
        model.addAttribute("entries", reading.list(code));
        model.addAttribute("inLine", reading.inLine(code));
        return "console/deal-waitlist";
    }
}
