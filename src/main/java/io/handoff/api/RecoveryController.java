package io.handoff.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.orchestration.Orchestrator;
import io.handoff.orchestration.Recovery;
import io.handoff.orchestration.RulesetIncidents;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Recovery after a rollback, for analysts (and admins): the ruleset incident a rollback opened, listing the decisions
 * of the rolled-back version, and re-deciding their open handoffs on the active version as recorded revisions. Under
 * {@code /api/v1/rulesets/}: reading takes analyst, auditor or admin, re-deciding analyst or admin (SecurityConfiguration).
 */
@RestController
class RecoveryController {
    private final RulesetIncidents incidents;
    private final Recovery recovery;

    RecoveryController(Orchestrator orchestrator, Recovery recovery) {
        this.incidents = orchestrator.rulesetIncidents();
        this.recovery = recovery;
    }

    record RulesetIncidentPage(List<RulesetIncidents.Incident> items) {
    }

    record RedecideRequest(String actor, String reason) {
    }

    @Operation(summary = "Ruleset incidents", description = "One per rollback (automatic or manual), newest first; version= only "
            + "the rollbacks of that version.")
    @GetMapping("/api/v1/rulesets/incidents")
    RulesetIncidentPage list(@RequestParam(required = false) String version,
                             @RequestParam(required = false, defaultValue = "100") int limit) {
        return new RulesetIncidentPage(incidents.list(version, Math.max(1, Math.min(limit, 500))));
    }

    @Operation(summary = "Ruleset incident", description = "The rollback, and every decision the rolled-back version made since "
            + "its promotion (from the audit log), each with where its handoff stands, the incidents it opened that are still "
            + "open, and whether it can be re-decided (open, and still standing on that version).")
    @GetMapping("/api/v1/rulesets/incidents/{incidentId}")
    RulesetIncidents.View incident(@PathVariable String incidentId) {
        return incidents.view(incidentId).orElseThrow(() -> new NotFoundException("unknown-incident", "no ruleset incident " + incidentId));
    }

    @Operation(summary = "Re-decide a rolled-back version's open handoffs", description = "Each open handoff still standing on "
            + "a decision of the rolled-back version is decided again on the active version, as a recorded revision (gates it "
            + "no longer requires are superseded); incidents that version's decisions opened are resolved when the handoff no "
            + "longer escalates. The ruleset incident is resolved once no listed handoff stands on that version. "
            + "Safe to repeat. {\"reason\": \"...\"} is required.")
    @PostMapping("/api/v1/rulesets/incidents/{incidentId}/redecide")
    Recovery.Result redecide(@PathVariable String incidentId, @RequestBody(required = false) RedecideRequest body,
                             HttpServletRequest request) {
        RedecideRequest r = body == null ? new RedecideRequest(null, null) : body;
        return recovery.redecide(incidentId, Identity.actor(request, "actor", r.actor()), r.reason());
    }
}
