package io.tenanttwilio.example.clinic;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the home page (the inbox). */
@Controller
class PagesController {

    private final Organizations organizations;

    PagesController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/admin/communications";
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("password", Organizations.PASSWORD);
        return "login";
    }
}
