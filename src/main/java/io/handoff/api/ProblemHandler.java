package io.handoff.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;

import io.handoff.audit.AuditUnavailableException;
import io.handoff.contract.ContractViolationException;
import io.handoff.contract.MalformedContractException;
import io.handoff.contract.ParserMessages;
import io.handoff.decision.EvaluationTimeoutException;
import io.handoff.decision.NotEnabledException;
import io.handoff.decision.PreflightFailedException;
import io.handoff.decision.RejectedContractException;
import io.handoff.decision.ResubmissionException;
import io.handoff.decision.UnreadableRecordException;
import io.handoff.orchestration.OrchestrationException;
import io.handoff.orchestration.TooEarlyException;
import io.handoff.ruleset.CandidateQueueFullException;
import io.handoff.ruleset.LifecycleException;
import io.handoff.ruleset.StepInputException;
import io.handoff.security.KeyRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into an RFC 9457 problem ({@code application/problem+json}) with a stable {@code code};
 * contract violations list {@code errors[]} of {pointer, code, message}. Callers never see a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    static final String TYPE_BASE = "https://handoff.io/problems/";
    private final DecisionMetrics metrics;

    ProblemHandler(DecisionMetrics metrics) {
        this.metrics = metrics;
    }
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(RejectedContractException.class)
    ResponseEntity<Object> rejected(RejectedContractException e) {
        ProblemDetail problem = counted(problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-contract",
                "The handoff contract is invalid",
                e.violations().size() + " violation(s) of the handoff contract schema; see errors[]."));
        problem.setProperty("decisionId", e.decisionId());
        problem.setProperty("outcome", "invalid-contract");
        problem.setProperty("errors", e.violations().stream()
                .map(v -> Map.of("pointer", v.pointer(), "code", v.code(), "message", v.message())).toList());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** A contract refused where nothing is recorded (trying a version): as a rejection, without a decision id. */
    @ExceptionHandler(ContractViolationException.class)
    ResponseEntity<Object> invalidUnrecorded(ContractViolationException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-contract", "The handoff contract is invalid",
                e.violations().size() + " violation(s) of the handoff contract schema; see errors[]. Nothing was recorded.");
        problem.setProperty("outcome", "invalid-contract");
        problem.setProperty("errors", e.violations().stream()
                .map(v -> Map.of("pointer", v.pointer(), "code", v.code(), "message", v.message())).toList());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(MalformedContractException.class)
    ResponseEntity<Object> malformed(MalformedContractException e) {
        ProblemDetail problem = counted(problem(HttpStatus.BAD_REQUEST, "malformed-json", "The body is not valid JSON",
                e.getMessage()));
        if (e.line() > 0) {
            problem.setProperty("line", e.line());
            problem.setProperty("column", e.column());
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(counted(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The body is too large", e.getMessage())));
    }

    /** No decision was made (the evaluation passed its time limit); the fault is recorded under faultId. */
    @ExceptionHandler(EvaluationTimeoutException.class)
    ResponseEntity<Object> evaluationTimeout(EvaluationTimeoutException e) {
        log.warn("fault {}: {}", e.faultId(), e.getMessage());
        ProblemDetail problem = counted(problem(HttpStatus.SERVICE_UNAVAILABLE, EvaluationTimeoutException.CODE,
                "The evaluation did not finish in time; no decision was made", e.getMessage()));
        if (e.faultId() != null) {
            problem.setProperty("faultId", e.faultId());
        }
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler(AuditUnavailableException.class)
    ResponseEntity<Object> auditUnavailable(AuditUnavailableException e) {
        log.error("audit store unavailable, decision not returned: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(counted(problem(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable", "The decision could not be recorded",
                        "The audit log could not commit the decision, so it is not returned: " + e.getMessage())));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, e.code(), "Not found", e.getMessage()));
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<Object> badParameter(BadParameterException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "bad-parameter", "A query parameter is invalid", e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return ResponseEntity.badRequest().body(problem);
    }

    /** A full candidate queue is the service's capacity, not the caller's fault: 429 with when to try again. */
    @ExceptionHandler(CandidateQueueFullException.class)
    ResponseEntity<Object> candidateQueueFull(CandidateQueueFullException e) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, e.code(), "The candidate queue is full", e.getMessage());
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler(LifecycleException.class)
    ResponseEntity<Object> lifecycle(LifecycleException e) {
        HttpStatus status = "unknown-version".equals(e.code()) ? HttpStatus.NOT_FOUND
                : HttpStatus.CONFLICT;
        return ResponseEntity.status(status).body(problem(status, e.code(), "The ruleset step cannot be taken", e.getMessage()));
    }

    /**
     * An actor or reason that cannot be recorded: 422 with the field and a stable code, as a JSON pointer for a
     * body field or as the parameter name when it came in the query string (a ruleset submission).
     */
    @ExceptionHandler(StepInputException.class)
    ResponseEntity<Object> stepInput(StepInputException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-step", "The step's actor or reason cannot be recorded",
                e.getMessage());
        Map<String, String> error = new LinkedHashMap<>();
        if (request.getParameter(e.field()) != null) {
            error.put("parameter", e.field());
            problem.setProperty("parameter", e.field());
        } else {
            error.put("pointer", "/" + e.field());
        }
        error.put("code", e.code());
        error.put("message", e.getMessage());
        problem.setProperty("errors", List.of(error));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }

    @ExceptionHandler(TooLongException.class)
    ResponseEntity<Object> tooLong(TooLongException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "field-too-long", "A field is too long", e.getMessage());
        String where = e.pointer().startsWith("/") ? "pointer" : "parameter";
        problem.setProperty("errors", List.of(Map.of(where, e.pointer(), "code", "too-long", "message", e.getMessage())));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }

    @ExceptionHandler(ActingAsOtherException.class)
    ResponseEntity<Object> actingAsOther(ActingAsOtherException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, "acting-as-other",
                "A step is taken by the authenticated caller only", e.getMessage()));
    }

    @ExceptionHandler(NotEnabledException.class)
    ResponseEntity<Object> notEnabled(NotEnabledException e) {
        ProblemDetail problem = counted(problem(HttpStatus.FORBIDDEN, "not-enabled", "Not enabled for this team", e.getMessage()));
        problem.setProperty("domain", e.domain());
        problem.setProperty("team", e.team());
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(PreflightFailedException.class)
    ResponseEntity<Object> preflightFailed(PreflightFailedException e) {
        ProblemDetail problem = counted(problem(HttpStatus.SERVICE_UNAVAILABLE, "preflight-failed",
                "A preflight check failed; no decision was made", e.getMessage()));
        problem.setProperty("check", e.check());
        if (e.faultId() != null) {
            problem.setProperty("faultId", e.faultId());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }

    /** An attempt before the retry policy's next allowed time: 409 with Retry-After in whole seconds. */
    @ExceptionHandler(TooEarlyException.class)
    ResponseEntity<Object> tooEarly(TooEarlyException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.code(), "Too early for another attempt", e.getMessage());
        problem.setProperty("notBefore", e.notBefore().toString());
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .body(problem);
    }

    /** A submission its handoff's life does not allow (a reused idempotency key, a closed handoff): nothing recorded. */
    @ExceptionHandler(ResubmissionException.class)
    ResponseEntity<Object> resubmission(ResubmissionException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        return ResponseEntity.status(status).body(counted(problem(status, e.code(), "The contract cannot be decided now",
                e.getMessage())));
    }

    @ExceptionHandler(OrchestrationException.class)
    ResponseEntity<Object> orchestration(OrchestrationException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = problem(status, e.code(), "The handoff step cannot be taken", e.getMessage());
        if (e.pointer() != null) {
            problem.setProperty("errors", List.of(Map.of("pointer", e.pointer(), "code", e.code(), "message", e.getMessage())));
        }
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(UnreadableRecordException.class)
    ResponseEntity<Object> unreadable(UnreadableRecordException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, UnreadableRecordException.CODE, "The recorded evidence cannot be read", e.getMessage()));
    }

    @ExceptionHandler(KeyRequestException.class)
    ResponseEntity<Object> keyRequest(KeyRequestException e) {
        HttpStatus status = switch (e.code()) {
            case KeyRequestException.INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case KeyRequestException.UNKNOWN -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = problem(status, e.code(), "The API key request cannot be carried out", e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors().stream()
                    .map(v -> Map.of("pointer", v.pointer(), "code", v.code(), "message", v.message())).toList());
        }
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString();
        log.error("unexpected failure {}", errorId, e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The service failed unexpectedly; quote errorId " + errorId + " to the operators.");
        problem.setProperty("errorId", errorId);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** A JSON body that cannot be read: said in the service's words, never the parser's switches or class names. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause() == null ? null : ex.getCause().getCause();
        if (cause instanceof TooLongException tooLong) { // a request record refused its own field
            return tooLong(tooLong);
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.BAD_REQUEST, "malformed-json", "The body is not valid JSON", unreadable(ex)));
    }

    private static String unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "the value at " + mismatch.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex()))
                    .collect(java.util.stream.Collectors.joining("/", "/", "")) + " has the wrong type";
        }
        if (e.getCause() instanceof JacksonException jackson) {
            return ParserMessages.plain(jackson.getOriginalMessage());
        }
        return "the body is missing or is not a JSON document";
    }

    /**
     * A query or path value Spring cannot convert (a {@code limit} that is not a number, a {@code download} that is not
     * true or false): bad-parameter naming the parameter, in the service's words, as the service's own checks answer.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected = type == null ? "of another form"
                : type == int.class || type == Integer.class || type == long.class || type == Long.class ? "a whole number"
                : type == boolean.class || type == Boolean.class ? "true or false" : "of another form";
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "bad-parameter", "A query parameter is invalid",
                name + " must be " + expected);
        problem.setProperty("parameter", name);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Spring's own failures (404, 405, 415, ...) get a stable code too. */
    /** A body without a Content-Type: said as such, not as Spring's "Content-Type 'null' is not supported". */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(org.springframework.web.HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getContentType() == null) {
            ex.getBody().setDetail("This operation takes a body with Content-Type "
                    + (ex.getSupportedMediaTypes().isEmpty() ? "application/json" : MediaType.toString(ex.getSupportedMediaTypes()))
                    + "; the request named none.");
        }
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    /** A path no operation has: said in the API's words, not Spring's ("No static resource ..."). */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(org.springframework.web.servlet.resource.NoResourceFoundException ex,
                                                                    HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.NOT_FOUND, "not-found", "Not Found",
                        "No operation has this path; the operations are listed at /v3/api-docs."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String code = HttpStatus.resolve(statusCode.value()) == null ? "http-" + statusCode.value()
                    : HttpStatus.resolve(statusCode.value()).name().toLowerCase().replace('_', '-');
            problem.setType(URI.create(TYPE_BASE + code));
            problem.setProperty("code", code);
        }
        return response;
    }

    static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    private ProblemDetail counted(ProblemDetail problem) {
        metrics.rejected(String.valueOf(problem.getProperties().get("code")));
        return problem;
    }
}
