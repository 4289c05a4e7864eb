package dev.zaiko.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.connector.ConnectorAccounts;
import dev.zaiko.connector.FindingDrift;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformConnector;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PushingInBulk;
import dev.zaiko.platform.Authority;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.Requires;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A channel's connector as staff see it ({@code /channels/{code}/connector}): platform, sandbox,
 * settings, which credentials are set (never their values), health, the drift report; admins set the
 * account and test the connection (the same authority as the API), staff may check for drift.
 */
@Controller
class ConnectorPage {

    private final ConnectorAccounts accounts;
    private final FindingDrift drift;
    private final PushingInBulk bulk;

    ConnectorPage(ConnectorAccounts accounts, FindingDrift drift, PushingInBulk bulk) {
        this.accounts = accounts;
        this.drift = drift;
        this.bulk = bulk;
    }

    @GetMapping("/channels/{code}/connector")
    String show(@PathVariable String code, @RequestParam(required = false) String notice, Model model) {
        return page(code, notice, null, null, model);
    }

    @Requires(Authority.ADMINISTER)
    @PostMapping("/channels/{code}/connector")
    String set(@PathVariable String code, @RequestParam Map<String, String> form, Model model) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : form.getOrDefault("settings", "").split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        // the chosen platform's own inputs (f.<PLATFORM>.<name>): a setting as typed, a credential only
        // when a value is typed (blank keeps the stored one)
        String platform = form.getOrDefault("platform", "");
        for (Map.Entry<Platform, List<PlatformConnector.Field>> e : accounts.fields().entrySet()) {
            if (!e.getKey().name().equals(platform)) continue;
            for (PlatformConnector.Field f : e.getValue()) {
                String key = "f." + platform + "." + f.name();
                if (!form.containsKey(key)) continue;
                String value = form.get(key).strip();
                if (f.secret()) {
                    if (!value.isEmpty()) credentials.put(f.name(), value);
                } else if (!value.isEmpty()) {
                    settings.put(f.name(), value);
                } else {
                    settings.remove(f.name());
                }
            }
        }
        String name = form.getOrDefault("credentialName", "").strip();
        if (!name.isEmpty()) credentials.put(name, form.getOrDefault("credentialValue", ""));
        try {
            accounts.set(code, new ConnectorAccounts.AccountIn(form.get("platform"), "on".equals(form.get("sandbox")),
                    form.get("baseUrl"), settings, credentials));
            return "redirect:/channels/" + code + "/connector?notice=saved";
        } catch (InvalidRequestException e) {
            Object field = e.properties().get("field");
            return page(code, null, field == null ? "body" : field.toString(), e.getMessage(), model);
        }
    }

    @Requires(Authority.ADMINISTER)
    @PostMapping("/channels/{code}/connector/test")
    String test(@PathVariable String code, Model model) {
        PlatformClient.ConnectionCheck check = accounts.test(code);
        model.addAttribute("check", check);
        return page(code, null, null, null, model);
    }

    @PostMapping("/channels/{code}/connector/drift-check")
    String driftCheck(@PathVariable String code) {
        drift.check(code);
        return "redirect:/channels/" + code + "/connector?notice=checked";
    }

    @Requires(Authority.ADMINISTER)
    @PostMapping("/channels/{code}/connector/full-push")
    String fullPush(@PathVariable String code, Model model) {
        model.addAttribute("fullPush", bulk.fullPush(code));
        return page(code, null, null, null, model);
    }

    private String page(String code, String notice, String errorField, String error, Model model) {
        Optional<ConnectorAccounts.ConnectorView> view;
        try {
            view = Optional.of(accounts.view(code));
        } catch (NotFoundException e) {
            if (!e.getMessage().startsWith("No connector")) throw e;
            view = Optional.empty();
        }
        model.addAttribute("code", code);
        model.addAttribute("connector", view.orElse(null));
        model.addAttribute("platforms", List.of(Platform.values()));
        Map<Platform, List<PlatformConnector.Field>> fields = accounts.fields();
        model.addAttribute("fields", fields);
        java.util.Set<String> own = view.flatMap(v -> fields.entrySet().stream()
                        .filter(e -> e.getKey().name().equals(v.platform())).findFirst())
                .map(e -> e.getValue().stream().filter(f -> !f.secret()).map(PlatformConnector.Field::name)
                        .collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
        model.addAttribute("settingsText", view.map(v -> v.settings().entrySet().stream()
                .filter(e -> !own.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "\n" + b).orElse("")).orElse(""));
        model.addAttribute("drift", view.isPresent() ? drift.report(code, 100) : List.of());
        model.addAttribute("notice", notice);
        model.addAttribute("errorField", errorField);
        model.addAttribute("error", error);
        return "console/connector";
    }
}
