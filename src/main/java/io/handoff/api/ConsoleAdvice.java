package io.handoff.api;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import io.handoff.ruleset.LifecycleException;

/**
 * For console pages only (controllers implementing {@link ConsolePage}): the signed-in roles in every model, and failures
 * as console-styled pages with the problem's message instead of problem+json or the container's page. It runs before
 * {@code ProblemHandler}, which keeps answering every API path with problem+json.
 */
@ControllerAdvice(assignableTypes = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    @ModelAttribute
    void roles(org.springframework.ui.Model model, Authentication who) {
        addRoles(model.asMap(), who);
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, HttpServletResponse response) {
        return error(response, 404, "Not found", e.getMessage());
    }

    @ExceptionHandler({BadParameterException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    ModelAndView badRequest(Exception e, HttpServletResponse response) {
        String message = e instanceof MethodArgumentTypeMismatchException m
                ? "The parameter '" + m.getName() + "' has a value the page cannot use: " + m.getValue() : e.getMessage();
        return error(response, 400, "Bad request", message);
    }

    @ExceptionHandler(LifecycleException.class)
    ModelAndView lifecycle(LifecycleException e, HttpServletResponse response) {
        return "unknown-version".equals(e.code()) ? error(response, 404, "Not found", e.getMessage())
                : error(response, 409, "Conflict", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletResponse response) {
        String errorId = UUID.randomUUID().toString();
        log.error("console page failed, errorId {}", errorId, e);
        return error(response, 500, "Internal error", "The page failed unexpectedly; quote error id " + errorId + " to the operators.");
    }

    static ModelAndView error(HttpServletResponse response, int status, String title, String message) {
        response.setStatus(status);
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
        addRoles(page.getModel(), SecurityContextHolder.getContext().getAuthentication());
        page.addObject("status", status);
        page.addObject("title", status + " · " + title);
        page.addObject("heading", title);
        page.addObject("message", message);
        page.addObject("view", "error");
        page.addObject("section", "error");
        return page;
    }

    private static void addRoles(java.util.Map<String, Object> model, Authentication who) {
        ConsoleRoles can = ConsoleRoles.of(who != null && who.isAuthenticated()
                && !(who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) ? who : null);
        model.put("can", can);
        model.put("who", can.who());
        model.put("roles", can.roles());
    }
}
