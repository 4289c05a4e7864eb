package dev.zaiko.web;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.catalog.Jan;
import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.ProductStatus;
import dev.zaiko.catalog.Products;
import dev.zaiko.catalog.RegisteringProducts;
import dev.zaiko.inventory.CountingStock;
import dev.zaiko.inventory.InspectingStock;
import dev.zaiko.inventory.ProtectingStock;
import dev.zaiko.inventory.Protection;
import dev.zaiko.inventory.ProtectionKind;
import dev.zaiko.inventory.ReceivingStock;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's inventory pages: find a SKU, see its stock everywhere, and receive, inspect,
 * count, protect or discontinue it. Every form posts, then redirects to the SKU's page with a
 * notice (Post/Redirect/Get); a form with a mistake comes back with the message next to the
 * field and changes nothing. Any signed-in user may use them.
 */
@Controller
@RequestMapping("/inventory")
class InventoryConsoleController {

    static final String SEARCH = "console/inventory/search";
    static final String SKU = "console/inventory/sku";
    static final String NOT_FOUND = "console/inventory/not-found";

    private final InventoryView view;
    private final Products products;
    private final RegisteringProducts registering;
    private final ReceivingStock receiving;
    private final InspectingStock inspecting;
    private final CountingStock counting;
    private final ProtectingStock protecting;
    private final MessageSource messages;

    InventoryConsoleController(InventoryView view, Products products, RegisteringProducts registering,
                               ReceivingStock receiving, InspectingStock inspecting, CountingStock counting,
                               ProtectingStock protecting, MessageSource messages) {
        this.view = view;
        this.products = products;
        this.registering = registering;
        this.receiving = receiving;
        this.inspecting = inspecting;
        this.counting = counting;
        this.protecting = protecting;
        this.messages = messages;
    }

    @GetMapping
    String search(@RequestParam(required = false) String q,
                  @RequestHeader(value = "HX-Request", required = false) String htmx,
                  @RequestHeader(value = "HX-History-Restore-Request", required = false) String restoring,
                  Model model, Locale locale) {
        view.search(q, locale, model);
        // Typing in the search box asks for the results only; a history restore needs the whole page.
        boolean fragment = "true".equals(htmx) && !"true".equals(restoring);
        return fragment ? SEARCH + " :: results" : SEARCH;
    }

    @GetMapping("/{sku}")
    String sku(@PathVariable String sku, Model model, Locale locale, HttpServletResponse response) {
        return page(sku, model, locale, response);
    }

    @PostMapping("/{sku}/receipts")
    String receive(@PathVariable String sku, @RequestParam Map<String, String> params, Model model, Locale locale,
                   HttpServletResponse response, RedirectAttributes redirect) {
        if (products.find(sku).isEmpty()) return notFound(sku, model, response);
        InventoryFormCheck check = new InventoryFormCheck("receive", params);
        String location = check.location("location", view::isLocation);
        Integer quantity = check.units("quantity", 1);
        String reference = check.optional("reference", 200);
        if (!check.isValid()) return invalid(sku, check, HttpStatus.BAD_REQUEST, model, locale, response);
        receiving.receive(sku, location, quantity, reference);
        return done(redirect, locale, "inventory.notice.received", quantity, location);
    }

    @PostMapping("/{sku}/inspections")
    String inspect(@PathVariable String sku, @RequestParam Map<String, String> params, Model model, Locale locale,
                   HttpServletResponse response, RedirectAttributes redirect) {
        if (products.find(sku).isEmpty()) return notFound(sku, model, response);
        InventoryFormCheck check = new InventoryFormCheck("inspect", params);
        String location = check.location("location", view::isLocation);
        Integer passed = check.units("passed", 0);
        Integer failed = check.units("failed", 0);
        String reference = check.optional("reference", 200);
        if (passed != null && failed != null && passed + failed == 0) {
            check.reject("passed", "inventory.error.nothingInspected");
        }
        if (!check.isValid()) return invalid(sku, check, HttpStatus.BAD_REQUEST, model, locale, response);
        try {
            inspecting.inspect(sku, location, passed, failed, reference);
        } catch (ConflictException e) {
            Object waiting = e.properties().get("inspecting");
            check.reject("passed", "inventory.error.notEnoughInspecting", waiting == null ? 0 : waiting, location);
            return invalid(sku, check, HttpStatus.CONFLICT, model, locale, response);
        }
        return done(redirect, locale, "inventory.notice.inspected", passed, failed, location);
    }

    @PostMapping("/{sku}/adjustments")
    String adjust(@PathVariable String sku, @RequestParam Map<String, String> params, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        if (products.find(sku).isEmpty()) return notFound(sku, model, response);
        InventoryFormCheck check = new InventoryFormCheck("adjust", params);
        String location = check.location("location", view::isLocation);
        Integer counted = check.units("counted", 0);
        String reason = check.required("reason", 500);
        if (!check.isValid()) return invalid(sku, check, HttpStatus.BAD_REQUEST, model, locale, response);
        CountingStock.Result result = counting.adjust(sku, location, counted, reason);
        return result.displacements().isEmpty()
                ? done(redirect, locale, "inventory.notice.adjusted", location, counted)
                : done(redirect, locale, "inventory.notice.adjustedDisplacing", location, counted,
                        result.displacements().size());
    }

    @PostMapping("/{sku}/protections")
    String protect(@PathVariable String sku, @RequestParam Map<String, String> params, Model model, Locale locale,
                   HttpServletResponse response, RedirectAttributes redirect) {
        if (products.find(sku).isEmpty()) return notFound(sku, model, response);
        InventoryFormCheck check = new InventoryFormCheck("protect", params);
        ProtectionKind kind = check.choice("kind", ProtectionKind.class);
        String location = check.location("location", view::isLocation);
        Integer quantity = check.units("quantity", 1);
        String segment = check.optional("segment", 64);
        if (kind == ProtectionKind.MEMBER_QUOTA && segment == null) {
            check.reject("segment", "inventory.error.segmentNeeded");
        } else if (kind != null && kind != ProtectionKind.MEMBER_QUOTA && segment != null) {
            check.reject("segment", "inventory.error.segmentOnlyForMembers");
        }
        if (!check.isValid()) return invalid(sku, check, HttpStatus.BAD_REQUEST, model, locale, response);
        protecting.protect(kind, location, sku, quantity, segment);
        return done(redirect, locale, "inventory.notice.protected", quantity, location);
    }

    @PostMapping("/{sku}/protections/{id}/lift")
    String lift(@PathVariable String sku, @PathVariable String id, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        if (products.find(sku).isEmpty()) return notFound(sku, model, response);
        InventoryFormCheck check = new InventoryFormCheck("lift", Map.of());
        Protection protection = null;
        try {
            protection = protecting.find(Long.parseLong(id));
        } catch (NumberFormatException | NotFoundException e) {
            // handled below: the protection is gone (lifted in another tab) or never was
        }
        // A protection of every SKU at a location is not this page's to lift: it protects other SKUs too.
        if (protection == null || !sku.equals(protection.sku())) {
            check.reject(InventoryFormCheck.FORM, "inventory.error.noSuchProtection");
            return invalid(sku, check, HttpStatus.CONFLICT, model, locale, response);
        }
        protecting.lift(protection.id());
        return done(redirect, locale, "inventory.notice.lifted", protection.quantity(), protection.location());
    }

    @PostMapping("/{sku}/discontinue")
    String discontinue(@PathVariable String sku, @RequestParam Map<String, String> params, Model model, Locale locale,
                       HttpServletResponse response, RedirectAttributes redirect) {
        if (products.find(sku).isEmpty()) return notFound(sku, model, response);
        InventoryFormCheck check = new InventoryFormCheck("discontinue", params);
        if (!check.checked("confirm")) check.reject("confirm", "inventory.error.confirmDiscontinue");
        if (!check.isValid()) return invalid(sku, check, HttpStatus.BAD_REQUEST, model, locale, response);
        Product product = registering.discontinue(sku);
        return done(redirect, locale, product.status() == ProductStatus.DISCONTINUED
                ? "inventory.notice.discontinued" : "inventory.notice.unchanged");
    }

    /** The product's JAN code; an empty field removes it. The catalog's rules apply (check digit, one product per JAN). */
    @PostMapping("/{sku}/jan")
    String jan(@PathVariable String sku, @RequestParam Map<String, String> params, Model model, Locale locale,
               HttpServletResponse response, RedirectAttributes redirect) {
        java.util.Optional<Product> found = products.find(sku);
        if (found.isEmpty()) return notFound(sku, model, response);
        InventoryFormCheck check = new InventoryFormCheck("jan", params);
        String jan = Jan.normalize(check.optional("jan", 20));
        if (jan != null && !Jan.valid(jan)) {
            check.reject("jan", "inventory.error.janInvalid");
        } else if (jan != null) {
            products.findByJan(jan).filter(other -> !other.sku().equals(sku))
                    .ifPresent(other -> check.reject("jan", "inventory.error.janTaken", other.sku()));
        }
        if (!check.isValid()) return invalid(sku, check, HttpStatus.BAD_REQUEST, model, locale, response);
        try {
            registering.update(sku, found.get().toDraft().withStatus(null).withJan(jan));
        } catch (InvalidRequestException e) { // another product took the JAN meanwhile
            check.reject("jan", "inventory.error.janTaken", String.valueOf(e.properties().getOrDefault("sku", "")));
            return invalid(sku, check, HttpStatus.BAD_REQUEST, model, locale, response);
        }
        return jan == null ? done(redirect, locale, "inventory.notice.janRemoved")
                : done(redirect, locale, "inventory.notice.janSet", jan);
    }

    // ---- answers ------------------------------------------------------------------------------

    private String page(String sku, Model model, Locale locale, HttpServletResponse response) {
        try {
            view.sku(sku, locale, model);
        } catch (NotFoundException e) {
            return notFound(sku, model, response);
        }
        return SKU;
    }

    private String notFound(String sku, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("sku", sku);
        return NOT_FOUND;
    }

    /**
     * The page again with the posted form as it was typed and each mistake next to its field.
     * Answered 400 (or 409): the audit trail records changes, and nothing changed.
     */
    private String invalid(String sku, InventoryFormCheck check, HttpStatus status, Model model, Locale locale,
                           HttpServletResponse response) {
        String answer = page(sku, model, locale, response);
        if (!SKU.equals(answer)) return answer;
        response.setStatus(status.value());
        model.addAttribute("failedForm", check.form());
        model.addAttribute("errors", check.errors(messages, locale));
        model.addAttribute("values", check.values());
        return SKU;
    }

    /** Back to the SKU's page (its path variable is reused) with a notice of what was done. */
    private String done(RedirectAttributes redirect, Locale locale, String key, Object... args) {
        redirect.addFlashAttribute("notice", messages.getMessage(key, args, locale));
        return "redirect:/inventory/{sku}";
    }
}
