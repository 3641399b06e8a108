package io.handoff.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.handoff.orchestration.Orchestrator;
import io.handoff.orchestration.Records;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A handoff's life after its decision, for approvers, deciders and auditors: one page per contract (decisions and
 * revisions, posture timeline, approvals, attempts, incidents, outcomes, the report), the approval queue and incidents.
 */
@Controller
@Hidden
@RequestMapping("/console")
class ConsoleHandoffPages implements ConsolePage {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Orchestrator orchestrator;

    ConsoleHandoffPages(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @GetMapping("/handoffs/{contractId}")
    String handoff(@PathVariable String contractId, Model model, Authentication who) {
        Records.Timeline timeline = orchestrator.timeline(contractId)
                .orElseThrow(() -> new NotFoundException("unknown-handoff", "No decision has been made for contract " + contractId + "."));
        JsonNode report = JSON.valueToTree(orchestrator.report(contractId).orElseThrow());
        Set<String> decisionIds = new LinkedHashSet<>();
        timeline.timeline().stream().filter(t -> t.recordId().equals(t.decisionId())).forEach(t -> decisionIds.add(t.decisionId()));
        decisionIds.add(timeline.handoff().decisionId());
        List<Records.Approval> approvals = new ArrayList<>();
        decisionIds.forEach(id -> approvals.addAll(orchestrator.approvalsOfDecision(id)));
        model.addAttribute("handoff", timeline.handoff());
        model.addAttribute("timeline", timeline.timeline());
        model.addAttribute("decisions", timeline.timeline().stream().filter(t -> t.recordId().equals(t.decisionId())).toList());
        model.addAttribute("approvals", approvals);
        model.addAttribute("attempts", report.path("attempts"));
        model.addAttribute("incidents", orchestrator.incidents(null, contractId, 100));
        model.addAttribute("outcomes", report.path("outcomes"));
        model.addAttribute("reportJson", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return page(model, who, "handoff", "handoffs", "Handoff " + contractId);
    }

    @GetMapping("/approvals")
    String approvals(@RequestParam(required = false) String role, Model model, Authentication who) {
        model.addAttribute("pending", orchestrator.approvals(role == null || role.isBlank() ? null : role, "pending", 200));
        model.addAttribute("decided", orchestrator.approvals(null, "approved", 20));
        model.addAttribute("role", role);
        model.addAttribute("approvers", orchestrator.properties().approvers());
        return page(model, who, "approvals", "approvals", "Approvals");
    }

    @GetMapping("/incidents")
    String incidents(@RequestParam(required = false) String status, Model model, Authentication who) {
        if (status != null && !status.isBlank() && !List.of("open", "acknowledged", "resolved").contains(status)) {
            throw new BadParameterException("status", "status must be open, acknowledged or resolved");
        }
        model.addAttribute("incidents", orchestrator.incidents(status == null || status.isBlank() ? null : status, null, 200));
        model.addAttribute("status", status);
        return page(model, who, "incidents", "incidents", "Incidents");
    }

    @GetMapping("/incidents/{incidentId}")
    String incident(@PathVariable String incidentId, Model model, Authentication who) {
        var packet = orchestrator.packet(incidentId)
                .orElseThrow(() -> new NotFoundException("unknown-incident", "No incident has the id " + incidentId + "."));
        model.addAttribute("incident", orchestrator.incident(incidentId).orElseThrow());
        model.addAttribute("packet", packet);
        model.addAttribute("packetJson", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(packet));
        return page(model, who, "incident", "incidents", "Incident " + incidentId.substring(0, Math.min(8, incidentId.length())));
    }
}
