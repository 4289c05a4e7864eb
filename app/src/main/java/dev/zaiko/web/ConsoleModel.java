package dev.zaiko.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import dev.zaiko.access.Actor;
import dev.zaiko.access.ConsoleUsers;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every console page's frame shows: who is signed in, the server's time, the other language. */
@ControllerAdvice(basePackages = "dev.zaiko.web")
class ConsoleModel {

    private final ConsoleUsers users;
    private final Clock clock;

    ConsoleModel(ConsoleUsers users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @ModelAttribute("consoleUser")
    String consoleUser() {
        Actor actor = Actor.current();
        // customers' pages share this package: only a signed-in user has a name to look up
        if (actor.kind() != Actor.Kind.USER) return "";
        return users.find(actor.name()).map(u -> u.displayName()).orElse(actor.name());
    }

    /** The server's clock (which tests move), so live countdowns agree with the deadlines. */
    @ModelAttribute("now")
    Instant now() {
        return clock.instant();
    }

    @ModelAttribute("otherLanguageUrl")
    String otherLanguageUrl(HttpServletRequest request, Locale locale) {
        String other = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "ja" : "en";
        java.net.URI uri = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", other).build()
                .toUri();
        return uri.getRawPath() + "?" + uri.getRawQuery(); // relative: never trust the Host header for a link
    }
}
