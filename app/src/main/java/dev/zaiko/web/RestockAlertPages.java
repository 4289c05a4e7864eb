package dev.zaiko.web;

import java.util.ArrayList;
import java.util.List;

import dev.zaiko.restock.RestockAlert;
import dev.zaiko.restock.RestockAlertStatus;
import dev.zaiko.restock.RestockAlerts;
import dev.zaiko.restock.RestockQueue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The back-in-stock alert queues, as staff and purchasing read them: per SKU and channel how many
 * wait, since when, and how many were told in the current round; and one SKU's queues in the order
 * they are told. Reading only (LOOK).
 */
@Controller
class RestockAlertPages {

    private final RestockAlerts alerts;

    RestockAlertPages(RestockAlerts alerts) {
        this.alerts = alerts;
    }

    /** One subscription with its place among those waiting (0 when it does not wait). */
    record Row(RestockAlert alert, int rank) {
    }

    @GetMapping("/restock-alerts")
    String queues(Model model) {
        model.addAttribute("queues", alerts.queues(null));
        return "console/restock-alerts";
    }

    @GetMapping("/restock-alerts/{sku}")
    String sku(@PathVariable String sku, Model model) {
        List<RestockQueue> queues = alerts.queues(sku);
        List<Row> rows = new ArrayList<>();
        String channel = null;
        int rank = 0;
        for (RestockAlert a : alerts.list(sku, null, null)) {
            if (!a.channel().equals(channel)) {
                channel = a.channel();
                rank = 0;
            }
            rows.add(new Row(a, a.status() == RestockAlertStatus.WAITING ? ++rank : 0));
        }
        model.addAttribute("sku", sku);
        model.addAttribute("queues", queues);
        model.addAttribute("rows", rows);
        return "console/restock-alerts-sku";
    }
}
