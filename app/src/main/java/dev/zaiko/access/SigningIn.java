package dev.zaiko.access;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's sign-in page; Spring Security takes the form's POST to the same address. */
@Controller
class SigningIn {

    @GetMapping(SecurityConfiguration.LOGIN)
    String page() {
        return "access/login";
    }
}
