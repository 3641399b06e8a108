package io.handoff.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the OpenAPI document says of each operation beyond what springdoc sees in the controllers: a stable
 * {@code operationId}, the real success status and schema where the controller returns bytes or a JSON tree, and the
 * problems it can answer with, by status and code. Applied by {@link OpenApiConfiguration}; a mapped operation missing
 * here fails {@code OpenApiTest}.
 */
final class ApiOperations {
    /** One documented answer: a status, the schema of its body (null: what springdoc found), and what it means. */
    record Answer(String status, String schema, String description) {
    }

    /** One operation: its id, its success answers and its problem answers (status -> codes) beyond the generic ones. */
    record Documented(String method, String path, String operationId, List<Answer> success, Map<String, String> problems) {
        String key() {
            return method + " " + path;
        }
    }

    static final Map<String, Documented> ALL = new LinkedHashMap<>();

    private static void op(String method, String path, String id, List<Answer> success, String... problems) {
        Map<String, String> byStatus = new TreeMap<>();
        for (int i = 0; i + 1 < problems.length; i += 2) {
            byStatus.put(problems[i], problems[i + 1]);
        }
        Documented documented = new Documented(method, path, id, success, byStatus);
        ALL.put(documented.key(), documented);
    }

    private static List<Answer> ok() {
        return List.of(new Answer("200", null, "OK"));
    }

    private static List<Answer> ok(String schema) {
        return List.of(new Answer("200", schema, "OK"));
    }

    private static final String STEP_CONFLICTS = "candidate-not-passed, version-blocked, same-submitter, shadow-change-rate";

    static {
        op("POST", "/api/v1/decisions", "decideContract", List.of(new Answer("200", "Decision",
                        "The decision, recorded before it is answered (Idempotent-Replayed / Handoff-Unchanged: an earlier answer)")),
                "403", "not-enabled (rollout mode off for the domain and team)",
                "409", "idempotency-key-reused, handoff-closed, handoff-changed, handoff-not-closed",
                "422", "invalid-contract: errors[] of {pointer, code, message}; the attempt is recorded (decisionId)",
                "429", "rate-limited, overloaded (Retry-After)",
                "503", "audit-unavailable (not recorded, so not returned), preflight-failed (recorded as a fault "
                        + "under faultId, counted toward automatic rollback), evaluation-timeout (Retry-After; recorded as a fault, no decision)");
        op("GET", "/api/v1/decisions", "searchAuditRecords", ok());
        op("GET", "/api/v1/decisions/export", "exportAuditRecords", ok());
        op("GET", "/api/v1/decisions/{decisionId}", "getAuditRecord", ok(), "404", "decision-not-found");
        op("POST", "/api/v1/decisions/{decisionId}/replay", "replayDecision", ok(), "404", "decision-not-found",
                "409", "record-unreadable (the stored evidence was rewritten into bytes that do not read; verify names it)");
        op("GET", "/api/v1/audit/verify", "verifyAuditChain", ok());
        op("GET", "/api/v1/audit/checkpoints", "listAuditCheckpoints", ok());
        op("GET", "/api/v1/schemas/handoff-contract", "getContractSchema", ok(WireSchemas.JSON_SCHEMA));

        op("GET", "/api/v1/approvals", "listApprovals", ok());
        op("GET", "/api/v1/approvals/{approvalId}", "getApproval", ok(), "404", "unknown-approval");
        op("POST", "/api/v1/approvals/{approvalId}", "decideApproval", ok(),
                "403", "four-eyes, wrong-approver-role, acting-as-other", "404", "unknown-approval",
                "409", "approval-already-decided", "422", "invalid-verdict");
        op("POST", "/api/v1/handoffs/{contractId}/attempts", "reportAttempt", List.of(
                        new Answer("201", null, "Recorded: the next allowed attempt and attempts left"),
                        new Answer("200", null, "The same attemptId again: the first answer, duplicate=true")),
                "404", "unknown-handoff", "409", "too-early (Retry-After), attempt-id-reused, not-deliverable",
                "422", "invalid-attempt-result, missing-attempt-time, invalid-attempt-id, attempt-detail-too-long");
        op("GET", "/api/v1/handoffs/{contractId}", "getHandoffTimeline", ok(), "404", "unknown-handoff");
        op("GET", "/api/v1/handoffs/{contractId}/report", "getHandoffReport", ok(WireSchemas.HANDOFF_REPORT), "404", "unknown-handoff");
        op("GET", "/api/v1/incidents", "listIncidents", ok());
        op("GET", "/api/v1/incidents/{incidentId}", "getIncidentPacket", ok(WireSchemas.INCIDENT_PACKET), "404", "unknown-incident");
        op("POST", "/api/v1/incidents/{incidentId}/acknowledge", "acknowledgeIncident", ok(),
                "403", "acting-as-other", "404", "unknown-incident", "409", "incident-acknowledged, incident-resolved",
                "422", "missing-who-or-why");
        op("POST", "/api/v1/incidents/{incidentId}/resolve", "resolveIncident", ok(),
                "403", "acting-as-other", "404", "unknown-incident", "409", "incident-resolved", "422", "missing-who-or-why");
        op("POST", "/api/v1/outcomes", "reportOutcome", List.of(new Answer("201", null, "Recorded and joined to the decision"),
                        new Answer("200", null, "Already reported: duplicate=true, nothing recorded")),
                "404", "unknown-handoff", "409", "outcome-conflict: the same contractId, kind and occurredAt is recorded with other details",
                "422", "invalid-outcome-kind, missing-outcome-field, outcome-kind-not-in-domain, "
                        + "invalid-reason-code, outcome-field-not-allowed, invalid-slip-days, missing-success-metric, "
                        + "unknown-success-metric: errors[] of {pointer, code, message}");
        op("GET", "/api/v1/scorecard", "getScorecard", ok(), "500", "invalid-metrics-file");
        op("GET", "/api/v1/tuning", "getThresholdTuning", ok(), "409", "tuning-unavailable", "500", "invalid-metrics-file");
        op("GET", "/api/v1/follow-ups", "listFollowUps", ok());

        op("GET", "/api/v1/preflight", "preflightService", List.of(new Answer("200", "PreflightReport", "Every hard check passed"),
                new Answer("503", "PreflightReport", "A hard check failed: failed[] names it")));
        op("POST", "/api/v1/preflight", "preflightContract", ok("PreflightReport"), "429", "rate-limited, overloaded (Retry-After)");
        op("GET", "/api/v1/admin/flags", "listRolloutRules", ok());
        op("PUT", "/api/v1/admin/flags", "changeRolloutRule", ok(), "400", "bad-parameter (mode or fallbackMode not off, observe or enforce)",
                "403", "acting-as-other");

        op("GET", "/api/v1/rulesets/active", "getActiveRuleset", ok());
        op("GET", "/api/v1/rulesets", "getRulesetOverview", ok());
        op("POST", "/api/v1/rulesets", "submitRuleset", List.of(new Answer("202", "CandidateReport",
                        "Accepted: compiling in a child JVM; the report is at Location")),
                "403", "acting-as-other", "409", "a lifecycle conflict", "422", "invalid-step",
                "429", "candidate-queue-full (Retry-After)");
        op("GET", "/api/v1/rulesets/{version}", "getCandidateReport", ok(), "404", "unknown-version");
        op("POST", "/api/v1/rulesets/{version}/promote", "promoteRuleset", ok(), "403", "acting-as-other",
                "404", "unknown-version", "409", STEP_CONFLICTS, "422", "invalid-step");
        op("POST", "/api/v1/rulesets/rollback", "rollbackRuleset", ok(), "403", "acting-as-other",
                "409", "nothing-to-roll-back-to", "422", "invalid-step");
        op("POST", "/api/v1/rulesets/{version}/shadow", "shadowRuleset", ok(), "403", "acting-as-other",
                "404", "unknown-version", "409", "candidate-not-passed", "422", "invalid-step");
        op("POST", "/api/v1/rulesets/{version}/canary", "canaryRuleset", ok(), "403", "acting-as-other",
                "404", "unknown-version", "409", "candidate-not-passed, same-submitter, bad-percent", "422", "invalid-step");
        op("POST", "/api/v1/rulesets/{version}/try", "tryContract", List.of(new Answer("200", "Decision",
                        "The decision on that version with its trace; nothing recorded (Decision-Recorded: false)")),
                "404", "unknown-version", "409", "not-compiled",
                "422", "invalid-contract: errors[] of {pointer, code, message}; nothing recorded",
                "429", "rate-limited, overloaded (Retry-After)");
        op("GET", "/api/v1/rulesets/{version}/shadow-report", "getShadowReport", ok(), "404", "unknown-version");
        op("GET", "/api/v1/rulesets/incidents", "listRulesetIncidents", ok());
        op("GET", "/api/v1/rulesets/incidents/{incidentId}", "getRulesetIncident", ok(), "404", "unknown-incident");
        op("POST", "/api/v1/rulesets/incidents/{incidentId}/redecide", "redecideRolledBackHandoffs", ok(),
                "403", "acting-as-other", "404", "unknown-incident", "409", "version-active-again",
                "422", "missing-who-or-why");

        op("POST", "/api/v1/admin/keys", "createApiKey", List.of(new Answer("201", null,
                        "Created; the secret is in this answer only (Cache-Control: no-store)")),
                "409", "duplicate-key-name", "422", "invalid-key-request: errors[] of {pointer, code, message}");
        op("GET", "/api/v1/admin/keys", "listApiKeys", ok());
        op("GET", "/api/v1/admin/keys/{id}", "getApiKey", ok(), "404", "unknown-key");
        op("DELETE", "/api/v1/admin/keys/{id}", "revokeApiKey", ok(), "404", "unknown-key", "409", "key-already-revoked");

        op("GET", "/api/v1/notifications/webhooks", "listWebhooks", ok());
        op("GET", "/api/v1/notifications", "listNotifications", ok(), "400", "bad-parameter");
        op("GET", "/api/v1/notifications/{deliveryId}", "getNotification", ok(), "404", "unknown-notification");
        op("POST", "/api/v1/notifications/{deliveryId}/retry", "retryNotification",
                List.of(new Answer("202", null, "Back in line, same event id and signed body")),
                "404", "unknown-notification", "409", "notification-not-dead");
    }

    private ApiOperations() {
    }
}
