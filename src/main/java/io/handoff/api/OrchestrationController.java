package io.handoff.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.orchestration.FollowUps;
import io.handoff.orchestration.Orchestrator;
import io.handoff.orchestration.OutcomeDetails;
import io.handoff.orchestration.Records;
import io.handoff.orchestration.Scorecard;
import io.handoff.orchestration.ThresholdTuning;
import io.handoff.ruleset.ActiveRuleset;
import io.handoff.telemetry.DashboardLinks;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.node.ObjectNode;

/** After the decision: approval gates, delivery attempts, incidents for oversight, outcomes and the handoff's story. */
@RestController
class OrchestrationController {
    private static final List<String> APPROVAL_STATUSES = List.of("pending", "approved", "rejected", "cancelled", "superseded");
    private static final List<String> INCIDENT_STATUSES = List.of("open", "acknowledged", "resolved");

    private final Orchestrator orchestrator;
    private final ActiveRuleset activeRuleset;
    private final FollowUps followUps;
    private final DashboardLinks links;

    OrchestrationController(Orchestrator orchestrator, ActiveRuleset activeRuleset, FollowUps followUps, DashboardLinks links) {
        this.links = links;
        this.orchestrator = orchestrator;
        this.activeRuleset = activeRuleset;
        this.followUps = followUps;
    }

    record FollowUpPage(List<FollowUps.Item> items) {
    }

    @Operation(summary = "Follow-up queue", description = "Unresolved work with owner role, contract id, severity, age, due time and "
            + "link: pending approvals, open incidents, handoffs returned or retrying, bounced-back/reopened/SLA-breached outcomes, "
            + "automatic rollbacks, rejected candidates, tuning recommendations, dead-lettered notifications; severity first, then "
            + "oldest first. role= owner role or assignee; team= sending or receiving team; domain= the handoff's domain.")
    @GetMapping("/api/v1/follow-ups")
    FollowUpPage followUps(@RequestParam(required = false) String role, @RequestParam(required = false) String team,
                           @RequestParam(required = false) String domain) {
        return new FollowUpPage(followUps.ranked(new FollowUps.Filter(role, team, domain)));
    }

    @Operation(summary = "Scorecard", description = "Each metric of rules/metrics.yaml against its baseline and target, per domain "
            + "and per ruleset version, with per-rule hit counts and outcome rates, for handoffs decided in [from, to).")
    @GetMapping("/api/v1/scorecard")
    Scorecard.Report scorecard(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String rulesetVersion) {
        return orchestrator.scorecard(instant("from", from), instant("to", to), rulesetVersion);
    }

    @Operation(summary = "Threshold tuning", description = "Backtests every score cut-off of the active posture table on decided "
            + "handoffs with outcomes and recommends the cheapest; it never edits the tables.")
    @GetMapping("/api/v1/tuning")
    ThresholdTuning.Report tuning() {
        return orchestrator.tuning(activeRuleset.get());
    }

    record ApprovalPage(List<Records.Approval> items) {
    }

    @Operation(summary = "Approval queue", description = "Approvals filtered by the gate's approver role and status (default pending).")
    @GetMapping("/api/v1/approvals")
    ApprovalPage approvals(@RequestParam(required = false) String role,
                           @RequestParam(required = false, defaultValue = "pending") String status,
                           @RequestParam(required = false, defaultValue = "100") int limit) {
        if (!APPROVAL_STATUSES.contains(status)) {
            throw new BadParameterException("status", "status must be one of " + APPROVAL_STATUSES);
        }
        return new ApprovalPage(orchestrator.approvals(role, status, limit(limit)));
    }

    @GetMapping("/api/v1/approvals/{approvalId}")
    Records.Approval approval(@PathVariable String approvalId) {
        return orchestrator.approval(approvalId).orElseThrow(() -> new NotFoundException("unknown-approval", "no approval " + approvalId));
    }

    /**
     * {@code decision}: approve or reject; comment says why. The caller decides: {@code approverId} may be left out
     * (or be the caller's own principal); naming someone else needs the delegate role. {@code role}: the gate's role
     * by default.
     */
    record ApprovalStep(String decision, String approverId, String role, String comment) {
        ApprovalStep {
            TooLongException.check("/decision", decision, TooLongException.ID);
            TooLongException.check("/approverId", approverId, TooLongException.ID);
            TooLongException.check("/role", role, TooLongException.ID);
            TooLongException.check("/comment", comment, TooLongException.TEXT);
        }
    }

    @Operation(summary = "Approve or reject a gate", description = "The authenticated principal decides, and only when the "
            + "approver directory gives it the gate's role; never a principal that sent the handoff (four eyes: 403 four-eyes), "
            + "and only once (409 afterwards). An approverId naming someone else: 403 acting-as-other, unless the caller holds "
            + "the delegate role (then both are recorded). Refused attempts are recorded in the audit log.")
    @PostMapping(path = "/api/v1/approvals/{approvalId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Records.StepResult decideApproval(@PathVariable String approvalId, @RequestBody ApprovalStep step, HttpServletRequest request) {
        return orchestrator.decideApproval(approvalId, step.decision(), step.role(), step.comment(),
                Identity.actor(request, "approverId", step.approverId()));
    }

    /** {@code result}: delivered, refused-by-receiver, timed-out or error; {@code attemptId} makes a retry of the report idempotent. */
    record AttemptReport(String attemptId, String result, String at, String detail) {
        AttemptReport {
            TooLongException.check("/result", result, TooLongException.ID);
            TooLongException.check("/at", at, TooLongException.ID);
        }
    }

    @Operation(summary = "Record a delivery attempt", description = "Failures past the decision's retry policy escalate: "
            + "posture critical and an incident. Answers the next allowed attempt time and attempts left.")
    @PostMapping(path = "/api/v1/handoffs/{contractId}/attempts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Records.StepResult> attempt(@PathVariable String contractId, @RequestBody AttemptReport report,
                                               HttpServletRequest request) {
        Records.StepResult result = orchestrator.recordAttempt(contractId, report.attemptId(), report.result(),
                instant("at", report.at()), report.detail(), caller(request));
        return ResponseEntity.status(Boolean.TRUE.equals(result.duplicate()) ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    @Operation(summary = "Where a handoff stands", description = "The current state and the posture timeline, each transition with its cause.")
    @GetMapping("/api/v1/handoffs/{contractId}")
    Records.Timeline handoff(@PathVariable String contractId) {
        return orchestrator.timeline(contractId).orElseThrow(() -> unknownHandoff(contractId));
    }

    @Operation(summary = "Outcome report of one handoff", description = "Decision, approvals, attempts, incidents, outcomes and timeline in one document.")
    @GetMapping("/api/v1/handoffs/{contractId}/report")
    ObjectNode report(@PathVariable String contractId) {
        ObjectNode report = orchestrator.report(contractId).orElseThrow(() -> unknownHandoff(contractId));
        return withDashboardLink(report, contractId, report.path("decision").path("decisionId").asString(null));
    }

    /** {@code dashboardLink}: handoff.telemetry.link-template for the document's trace, contract and decision (if configured). */
    private ObjectNode withDashboardLink(ObjectNode document, String contractId, String decisionId) {
        links.link(document.path("traceId").asString(null), contractId, decisionId).ifPresent(l -> document.put("dashboardLink", l));
        return document;
    }

    record IncidentPage(List<Records.Incident> items) {
    }

    @GetMapping("/api/v1/incidents")
    IncidentPage incidents(@RequestParam(required = false) String status, @RequestParam(required = false) String contractId,
                           @RequestParam(required = false, defaultValue = "100") int limit) {
        if (status != null && !INCIDENT_STATUSES.contains(status)) {
            throw new BadParameterException("status", "status must be one of " + INCIDENT_STATUSES);
        }
        return new IncidentPage(orchestrator.incidents(status, contractId, limit(limit)));
    }

    @Operation(summary = "Incident packet", description = "Masked contract, violations, fired rules with file/sheet/row, ruleset "
            + "version, failed gates and retry history. ?download=true serves it as an attachment.")
    @GetMapping("/api/v1/incidents/{incidentId}")
    ResponseEntity<ObjectNode> incident(@PathVariable String incidentId,
                                        @RequestParam(required = false, defaultValue = "false") boolean download) {
        ObjectNode packet = orchestrator.packet(incidentId)
                .orElseThrow(() -> new NotFoundException("unknown-incident", "no incident " + incidentId));
        withDashboardLink(packet, packet.path("contractId").asString(null), packet.path("decisionId").asString(null));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (download) {
            response.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"incident-" + incidentId + ".json\"");
        }
        return response.body(packet);
    }

    /** Who acts is the caller; {@code by} may be left out, naming someone else needs the delegate role (as approvals). */
    record IncidentStep(String by, String note, String resolution) {
        IncidentStep {
            TooLongException.check("/by", by, TooLongException.ID);
            TooLongException.check("/note", note, TooLongException.TEXT);
            TooLongException.check("/resolution", resolution, TooLongException.TEXT);
        }
    }

    @PostMapping(path = "/api/v1/incidents/{incidentId}/acknowledge", consumes = MediaType.APPLICATION_JSON_VALUE)
    Records.StepResult acknowledge(@PathVariable String incidentId, @RequestBody IncidentStep step, HttpServletRequest request) {
        return orchestrator.acknowledge(incidentId, step.note(), Identity.actor(request, "by", step.by()));
    }

    @PostMapping(path = "/api/v1/incidents/{incidentId}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    Records.StepResult resolve(@PathVariable String incidentId, @RequestBody IncidentStep step, HttpServletRequest request) {
        return orchestrator.resolve(incidentId, step.resolution(), Identity.actor(request, "by", step.by()));
    }

    /**
     * {@code kind}: support: accepted, bounced-back, reopened, sla-breached, resolved; product: accepted, bounced-back,
     * shipped, slipped, launch-rolled-back, success-metric-reported. {@code reasonCode} (bounced-back, optional): the
     * domain's reason; {@code slipDays} (slipped); {@code metric} and {@code value} (success-metric-reported): a success
     * metric the contract declared and the value measured.
     */
    record OutcomeReportBody(String contractId, String kind, String occurredAt, String note, String reasonCode, Integer slipDays,
                             String metric, Double value) {
        OutcomeReportBody {
            TooLongException.check("/contractId", contractId, TooLongException.ID);
            TooLongException.check("/kind", kind, TooLongException.ID);
            TooLongException.check("/occurredAt", occurredAt, TooLongException.ID);
            TooLongException.check("/note", note, TooLongException.TEXT);
            TooLongException.check("/reasonCode", reasonCode, TooLongException.ID);
            TooLongException.check("/metric", metric, TooLongException.ID);
        }
    }

    @Operation(summary = "Report what happened after a handoff", description = "Joined to the decision in force when it happened. "
            + "Kinds and bounce-back reason codes are per domain (a product kind on a support handoff: 422 outcome-kind-not-in-domain "
            + "with pointer /kind). The same (contractId, kind, occurredAt) again answers 200 with duplicate=true and records nothing new.")
    @PostMapping(path = "/api/v1/outcomes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Records.StepResult> outcome(@RequestBody OutcomeReportBody body, HttpServletRequest request) {
        Records.StepResult result = orchestrator.reportOutcome(new OutcomeDetails(body.contractId(), body.kind(),
                instant("occurredAt", body.occurredAt()), body.note(), body.reasonCode(), body.slipDays(), body.metric(), body.value()),
                caller(request));
        return ResponseEntity.status(Boolean.TRUE.equals(result.duplicate()) ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    private static NotFoundException unknownHandoff(String contractId) {
        return new NotFoundException("unknown-handoff", "no decision for contract " + contractId);
    }

    static String caller(HttpServletRequest request) {
        return Identity.principal(request);
    }

    static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new BadParameterException("limit", "limit must be a whole number from 1 to 500");
        }
        return limit;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, name + " must be an ISO-8601 instant such as 2026-11-20T09:00:00Z");
        }
    }
}
