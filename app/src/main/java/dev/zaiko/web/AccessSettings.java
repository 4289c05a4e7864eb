package dev.zaiko.web;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.access.Actor;
import dev.zaiko.access.ApiTokens;
import dev.zaiko.access.ConsoleUsers;
import dev.zaiko.access.Role;
import dev.zaiko.access.Scope;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admins' pages for console users and API tokens ({@code /settings/users}, {@code /settings/tokens};
 * only ADMIN may open them). A new token is shown on the page that made it and never again.
 */
@Controller
@Requires(Authority.ADMINISTER)
class AccessSettings {

    private final ConsoleUsers users;
    private final ApiTokens tokens;
    private final dev.zaiko.access.AuditTrail audit;
    private final MessageSource messages;
    private final int minPasswordLength;

    AccessSettings(ConsoleUsers users, ApiTokens tokens, dev.zaiko.access.AuditTrail audit, MessageSource messages,
                   dev.zaiko.access.AccessProperties access) {
        this.minPasswordLength = access.minPasswordLength();
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.messages = messages;
    }

    /** Who did what, newest first; the actor as its name (a user name or a token's name). */
    @GetMapping("/settings/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 Model model) {
        model.addAttribute("entries", audit.find(actor, action, null, 200));
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("action", action == null ? "" : action);
        return "console/audit";
    }

    @GetMapping("/settings/users")
    String users(@RequestParam(required = false) String notice, Model model) {
        return showUsers(model, Map.of(), Map.of(), notice);
    }

    @PostMapping("/settings/users")
    String createUser(@RequestParam Map<String, String> form, Model model, Locale locale, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            users.create(new ConsoleUsers.NewUser(form.get("username"), form.get("displayName"),
                    Forms.enumOf(Role.class, form.get("role")), form.get("locale"), form.getOrDefault("password", ""),
                    form.get("email")),
                    Actor.current().label());
            return "redirect:/settings/users?notice=created";
        } catch (ConflictException e) {
            errors.put("username", text("users.error.exists", locale));
        } catch (InvalidRequestException e) {
            // the rules are the users module's; the page words each refused field in the reader's language
            for (String field : ConsoleUsers.fieldsOf(e)) {
                errors.put(field, messages.getMessage("users.error." + field, new Object[] {minPasswordLength},
                        e.getMessage(), locale));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        Map<String, String> shown = new LinkedHashMap<>(form);
        shown.remove("password"); // a refused password is not sent back to the page
        return showUsers(model, errors, shown, null);
    }

    @PostMapping("/settings/users/{username}")
    String changeUser(@PathVariable String username, @RequestParam(required = false) String role,
                      @RequestParam(required = false) String enabled, @RequestParam(required = false) String email,
                      Model model, Locale locale, HttpServletResponse response) {
        try {
            users.change(username, null, Forms.enumOf(Role.class, role), null,
                    enabled == null ? null : Boolean.valueOf(enabled), email, Actor.current().label());
            return "redirect:/settings/users?notice=changed";
        } catch (InvalidRequestException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (String field : ConsoleUsers.fieldsOf(e)) {
                errors.put("form", username + ": " + messages.getMessage("users.error." + field,
                        new Object[] {minPasswordLength}, e.getMessage(), locale));
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return showUsers(model, errors, Map.of(), null);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return showUsers(model, Map.of("form", text("users.error.lastAdmin", locale)), Map.of(), null);
        } catch (NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return showUsers(model, Map.of("form", e.getMessage()), Map.of(), null);
        }
    }

    @GetMapping("/settings/tokens")
    String tokens(@RequestParam(required = false) String notice, Model model) {
        return showTokens(model, Map.of(), null, notice);
    }

    @PostMapping("/settings/tokens")
    String createToken(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String scope,
                       Model model, Locale locale, HttpServletResponse response) {
        ApiTokens.Issued issued;
        try {
            issued = tokens.create(name, Forms.enumOf(Scope.class, scope), null, Actor.current().label());
        } catch (InvalidRequestException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (String field : ConsoleUsers.fieldsOf(e)) {
                errors.put(field, messages.getMessage("tokens.error." + field, null, e.getMessage(), locale));
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return showTokens(model, errors, null, null);
        }
        response.setHeader("Cache-Control", "no-store"); // the secret must not stay in a cache
        return showTokens(model, Map.of(), issued, "created");
    }

    @PostMapping("/settings/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id) {
        tokens.revoke(id, Actor.current().label());
        return "redirect:/settings/tokens?notice=revoked";
    }

    private String showUsers(Model model, Map<String, String> errors, Map<String, String> form, String notice) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("minPasswordLength", minPasswordLength);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("notice", notice);
        return "console/users";
    }

    private String showTokens(Model model, Map<String, String> errors, ApiTokens.Issued issued, String notice) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("errors", errors);
        model.addAttribute("issued", issued);
        model.addAttribute("notice", notice);
        return "console/tokens";
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }


}
