package io.handoff.api;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;

/** A controller of web console pages: gets the signed-in roles and the console's error pages from {@link ConsoleAdvice}. */
interface ConsolePage {

    /** Names the template, the nav section it belongs to and the title; returns the view name. */
    default String page(Model model, Authentication who, String view, String section, String title) {
        model.addAttribute("title", title);
        model.addAttribute("view", view);
        model.addAttribute("section", section);
        return "console/" + view;
    }
}
