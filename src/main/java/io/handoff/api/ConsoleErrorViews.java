package io.handoff.api;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * A failure that reaches the container's error page (one thrown while a console page renders, say) on a console
 * address shows the console's error page to a browser; every other address keeps the default (problem+json for the API).
 */
@Component
class ConsoleErrorViews implements ErrorViewResolver {
    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String path) || !path.startsWith(request.getContextPath() + "/console")) {
            return null;
        }
        String message = status.is5xxServerError() ? "The page failed unexpectedly; the operators find the cause in the log at "
                + model.getOrDefault("timestamp", "this time") + "." : status.getReasonPhrase();
        ModelAndView page = new ModelAndView("console/error", status);
        page.addObject("status", status.value());
        page.addObject("title", status.value() + " · " + status.getReasonPhrase());
        page.addObject("heading", status.getReasonPhrase());
        page.addObject("message", message);
        page.addObject("view", "error");
        page.addObject("section", "error");
        var who = SecurityContextHolder.getContext().getAuthentication();
        ConsoleRoles can = ConsoleRoles.of(who == null || !who.isAuthenticated()
                || who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken ? null : who);
        page.addObject("can", can);
        page.addObject("who", can.who());
        page.addObject("roles", can.roles());
        return page;
    }
}
