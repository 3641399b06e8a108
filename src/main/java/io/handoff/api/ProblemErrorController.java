package io.handoff.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The container's error page ({@code /error}) in the service's words: what reaches it outside Spring MVC (a TRACE
 * request Tomcat refuses, {@code /error} asked for directly) gets problem+json like every other answer, never Spring's
 * {@code timestamp/status/error} JSON nor a 500 with status 999. Browsers on console addresses keep the console's
 * error page ({@link ConsoleErrorViews}, through the HTML variant this class inherits).
 */
@Controller
class ProblemErrorController extends BasicErrorController {
    ProblemErrorController(ErrorAttributes attributes, List<ErrorViewResolver> views) {
        super(attributes, new ErrorProperties(), views);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.INTERNAL_SERVER_ERROR && request.getAttribute("jakarta.servlet.error.status_code") == null) {
            status = HttpStatus.NOT_FOUND; // /error asked for directly: there is nothing here
        }
        String code = status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://handoff.io/problems/" + code);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("code", code);
        problem.put("detail", status == HttpStatus.METHOD_NOT_ALLOWED ? request.getMethod() + " is not an operation of this path"
                : status.is5xxServerError() ? "The request failed unexpectedly; the operators find the cause in the log."
                : status.getReasonPhrase() + ".");
        getErrorAttributes(request, ErrorAttributeOptions.defaults()); // keeps Boot's bookkeeping of the error
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
