package dev.zaiko.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ConsoleController {

    @GetMapping("/")
    String home() {
        return "console/home";
    }
}
