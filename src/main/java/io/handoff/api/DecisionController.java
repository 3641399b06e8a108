package io.handoff.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.decision.Decided;
import io.handoff.decision.DecisionService;
import io.handoff.decision.Submission;
import io.handoff.orchestration.Opened;
import io.handoff.orchestration.Orchestrator;
import io.handoff.telemetry.CurrentTrace;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/v1/decisions}: a handoff contract in, a decision with its fired-rule trace out. Resubmission
 * (docs/api.md): {@code Idempotency-Key} answers a retry with the first answer ({@code Idempotent-Replayed: true});
 * an unchanged contract of an open handoff answers its current decision ({@code Handoff-Unchanged: true}); a changed
 * one is a revision ({@code supersedes}); a closed handoff takes a new decision only with {@code reopen=true&reason=}.
 */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String UNCHANGED = "Handoff-Unchanged";

    private final DecisionService decisions;
    private final BodyReader bodyReader;

    private final DecisionMetrics metrics;
    private final Orchestrator orchestrator;
    private final CurrentTrace trace;

    DecisionController(DecisionService decisions, ApiProperties properties, DecisionMetrics metrics, Orchestrator orchestrator,
                       CurrentTrace trace) {
        this.decisions = decisions;
        this.trace = trace;
        this.metrics = metrics;
        this.orchestrator = orchestrator;
        this.bodyReader = new BodyReader(properties);
    }

    /** Answers with exactly the JSON text the audit record holds for this decision. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> decide(HttpServletRequest request,
                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                  @RequestParam(required = false, defaultValue = "false") boolean reopen,
                                  @RequestParam(required = false) String reason) {
        long start = System.nanoTime();
        TooLongException.check("reason", reason, TooLongException.TEXT);
        if (reopen && reason == null) {
            throw new BadParameterException("reason", "reopen=true needs reason=... (why the closed handoff starts again)");
        }
        Submission submission = new Submission(bodyReader.read(request), Identity.principal(request),
                idempotencyKey, reopen ? reason : null, trace.traceId()).atEdge();
        Decided decided = decisions.decide(submission);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        switch (decided.replay()) {
            case IDEMPOTENT -> response.header(REPLAYED, "true");
            case UNCHANGED -> response.header(UNCHANGED, "true");
            case NONE -> metrics.decided(decided.decision(), decided.team(), System.nanoTime() - start);
        }
        openedLinks(decided, response);
        return response.body(decided.json().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The approvals and incident the decision opened, as {@code Link} headers (RFC 8288, rel {@code approval} and
     * {@code incident}): the body stays byte for byte the audited decision.
     */
    private void openedLinks(Decided decided, ResponseEntity.BodyBuilder response) {
        var d = decided.decision();
        if (d == null) {
            return; // an idempotent replay answers the first bytes only; its links came with the first answer
        }
        if (!"accept-pending-approval".equals(d.outcome()) && !"escalate".equals(d.outcome()) && !"critical".equals(d.posture())) {
            return; // opens neither gates nor an incident: no lookup on the common path
        }
        Opened opened = orchestrator.opened(d.decisionId());
        List<String> links = new ArrayList<>();
        opened.approvalIds().forEach(id -> links.add("</api/v1/approvals/" + id + ">; rel=\"approval\""));
        opened.incidentIds().forEach(id -> links.add("</api/v1/incidents/" + id + ">; rel=\"incident\""));
        if (!links.isEmpty()) {
            response.header(HttpHeaders.LINK, String.join(", ", links));
        }
    }
}
