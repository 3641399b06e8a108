package io.handoff.api;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import io.handoff.orchestration.FollowUps;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The web console: server-rendered pages for auditors, analysts, approvers and deciders, behind the same roles as the
 * API. Pages read through the same services as the API and show only what the signed-in roles may open
 * ({@link ConsoleRoles}); their buttons (replay, verify, promote, approve, ...) call the API itself with the console
 * session and its CSRF token after one confirmation dialog, so a page can do nothing the API would refuse. This class
 * holds sign-in, the overview and the error pages; the other pages live in {@code Console*Pages}.
 */
@Controller
@Hidden
@RequestMapping("/console")
class ConsoleController implements ConsolePage {
    private final FollowUps followUps;

    ConsoleController(FollowUps followUps) {
        this.followUps = followUps;
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    /** Where the security configuration forwards a console page the roles do not allow. */
    @RequestMapping("/forbidden")
    ModelAndView forbidden(HttpServletResponse response) {
        return ConsoleAdvice.error(response, 403, "Forbidden",
                "Your role does not allow this page. The overview shows the pages it does allow.");
    }

    @GetMapping({"", "/"})
    String home(Model model, Authentication who) {
        ConsoleRoles can = ConsoleRoles.of(who);
        model.addAttribute("followUps", followUps.list(null).stream()
                .filter(item -> can.oversees() || can.roles().contains(item.ownerRole())).limit(100).toList());
        return page(model, who, "home", "home", "Overview");
    }

    /** Any other console address (not an asset): a console-styled 404 rather than problem+json. */
    @GetMapping("/{page:^(?!assets$).*}/**")
    ModelAndView unknown(HttpServletResponse response) {
        return ConsoleAdvice.error(response, 404, "Not found", "The console has no such page.");
    }
}
