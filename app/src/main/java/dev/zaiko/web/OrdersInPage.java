package dev.zaiko.web;

import java.util.UUID;

import dev.zaiko.connector.ImportingOrders;
import dev.zaiko.platform.ConflictException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A connected channel's orders in as staff see them ({@code /channels/{code}/orders-in}): the last
 * pull, its error and the next one, the import lag of the last hour, and the import inbox, where a
 * kept order is tried again (after its SKU was mapped) or dismissed. The same rules as the API.
 */
@Controller
class OrdersInPage {

    private final ImportingOrders importing;

    OrdersInPage(ImportingOrders importing) {
        this.importing = importing;
    }

    @GetMapping("/channels/{code}/orders-in")
    String show(@PathVariable String code, @RequestParam(required = false) String notice, Model model) {
        return page(code, notice, null, model);
    }

    @PostMapping("/channels/{code}/orders-in/pull")
    String pull(@PathVariable String code, Model model) {
        ImportingOrders.PullReport report = importing.pull(code);
        model.addAttribute("report", report);
        return page(code, null, null, model);
    }

    @PostMapping("/channels/{code}/orders-in/inbox/{id}/retry")
    String retry(@PathVariable String code, @PathVariable UUID id, Model model) {
        try {
            String status = importing.retry(code, id).status();
            return "redirect:/channels/" + code + "/orders-in?notice=" + ("RECORDED".equals(status) ? "recorded" : "kept");
        } catch (ConflictException e) {
            return page(code, null, e.getMessage(), model);
        }
    }

    @PostMapping("/channels/{code}/orders-in/inbox/{id}/dismiss")
    String dismiss(@PathVariable String code, @PathVariable UUID id, Model model) {
        try {
            importing.dismiss(code, id);
            return "redirect:/channels/" + code + "/orders-in?notice=dismissed";
        } catch (ConflictException e) {
            return page(code, null, e.getMessage(), model);
        }
    }

    private String page(String code, String notice, String error, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("status", importing.status(code));
        model.addAttribute("inbox", importing.entries(code));
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return "console/orders-in";
    }
}
