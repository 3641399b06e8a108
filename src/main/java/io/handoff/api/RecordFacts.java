package io.handoff.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.handoff.audit.AuditRecord;
import tools.jackson.databind.JsonNode;

/**
 * What the record page of a step or change shows (approval, attempt, incident, outcome, flag change, ruleset event, key
 * event): a heading for its kind and its labelled facts, read from the record's body; a link where the fact names a
 * page. Decisions and rejected contracts have their own templates.
 */
final class RecordFacts {
    /** One labelled fact; {@code href} when it links to a console page, {@code hash} when it is a hash or version. */
    record Fact(String label, String value, String href, boolean hash) {
        static Fact of(String label, String value) {
            return new Fact(label, value, null, false);
        }
    }

    private static final Map<String, String> HEADINGS = Map.of(
            "approval", "Approval step", "attempt", "Delivery attempt", "incident", "Incident step",
            "outcome", "Outcome report", "flag-change", "Rollout flag change", "ruleset", "Ruleset event",
            "key-event", "API key change");

    private RecordFacts() {
    }

    static String heading(String kind) {
        return HEADINGS.getOrDefault(kind, "Audit record (" + kind + ")");
    }

    static List<Fact> of(AuditRecord record, ConsoleRoles can) {
        JsonNode body = record.record();
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("Kind", record.kind()));
        facts.add(Fact.of("Outcome", record.outcome()));
        if (record.contractId() != null) {
            facts.add(new Fact("Contract", record.contractId(),
                    can.handoffs() ? "/console/handoffs/" + record.contractId() : null, false));
        }
        String decisionId = text(body, "decisionId");
        if (decisionId != null && !decisionId.equals(record.decisionId())) {
            facts.add(new Fact("Decision", decisionId, "/console/records/" + decisionId, false));
        }
        switch (record.kind()) {
            case "approval" -> add(facts, nested(body, "approval"), "gateId", "Gate", "status", "Approval status", "verdict",
                    "Verdict", "approverRole", "Approver role", "reason", "Reason", "comment", "Comment", "refused", "Refused",
                    "decidedBy", "Decided by");
            case "attempt" -> {
                add(facts, nested(body, "attempt"), "attemptNo", "Attempt", "result", "Result", "detail", "Detail", "at", "At",
                        "attemptId", "Attempt id");
                add(facts, body, "failures", "Failures so far", "maxAttempts", "Attempts allowed");
                incident(facts, text(body, "incidentId"), can);
            }
            case "incident" -> {
                JsonNode incident = nested(body, "incident");
                add(facts, incident, "status", "Incident status", "reason", "Reason", "acknowledgedBy", "Acknowledged by",
                        "resolvedBy", "Resolved by", "resolution", "Resolution");
                incident(facts, text(incident, "incidentId"), can);
            }
            case "outcome" -> add(facts, nested(body, "report"), "kind", "What happened", "occurredAt", "Occurred at",
                    "note", "Note", "reportedBy", "Reported by");
            case "flag-change" -> {
                add(facts, body, "flag", "Flag", "changedBy", "Changed by", "reason", "Reason");
                facts.add(Fact.of("Before", describe(body.path("before"))));
                facts.add(Fact.of("After", describe(body.path("after"))));
            }
            case "ruleset" -> {
                add(facts, body, "reason", "Reason");
                facts.add(new Fact("Version", record.rulesetVersion(), null, true));
                facts.add(Fact.of("Details", describe(body.path("details"))));
            }
            case "key-event" -> {
                add(facts, body, "keyId", "Key id", "name", "Key name");
                facts.add(Fact.of("Roles", describe(body.path("roles"))));
            }
            default -> {
            }
        }
        add(facts, body, "actor", "Acting principal", "onBehalfOf", "On behalf of", "status", "Handoff status now",
                "posture", "Posture now");
        JsonNode transition = body.path("transition");
        if (transition.isObject()) {
            facts.add(Fact.of("Transition", text(transition, "fromStatus") + " → " + text(transition, "toStatus") + " ("
                    + text(transition, "fromPosture") + " → " + text(transition, "toPosture") + "): " + text(transition, "cause")));
        }
        return facts;
    }

    private static JsonNode nested(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isObject() ? value : body;
    }

    private static void incident(List<Fact> facts, String incidentId, ConsoleRoles can) {
        if (incidentId != null) {
            facts.add(new Fact("Incident", incidentId, can.approvals() ? "/console/incidents/" + incidentId : null, false));
        }
    }

    /** Adds each (field, label) pair whose field the body has, as text. */
    private static void add(List<Fact> facts, JsonNode body, String... fieldsAndLabels) {
        for (int i = 0; i + 1 < fieldsAndLabels.length; i += 2) {
            String value = text(body, fieldsAndLabels[i]);
            if (value != null && !value.isBlank()) {
                facts.add(Fact.of(fieldsAndLabels[i + 1], value));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "none";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.isValueNode() ? n.asString() : n.toString()));
            return String.join(", ", items);
        }
        if (node.isObject()) {
            List<String> pairs = new ArrayList<>();
            node.properties().forEach(e -> pairs.add(e.getKey() + " " + (e.getValue().isValueNode() ? e.getValue().asString()
                    : e.getValue().toString())));
            return pairs.isEmpty() ? "none" : String.join(" · ", pairs);
        }
        return node.asString();
    }
}
