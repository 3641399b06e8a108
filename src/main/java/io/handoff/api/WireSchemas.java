package io.handoff.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * Components whose shape no Java type states: the problem every error answers with, the evidence body of an audit
 * record, documents the orchestration assembles as JSON trees (handoff report, incident packet), the contract schema
 * document. Named here once, referenced by the operation table.
 */
final class WireSchemas {
    static final String PROBLEM = "Problem";
    static final String PROBLEM_ERROR = "ProblemError";
    static final String AUDIT_BODY = "AuditRecordBody";
    static final String HANDOFF_REPORT = "HandoffReport";
    static final String INCIDENT_PACKET = "IncidentPacket";
    static final String JSON_SCHEMA = "JsonSchemaDocument";
    static final String RULESET_RELOAD = "RulesetReload";

    private WireSchemas() {
    }

    static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    static Map<String, Schema<?>> all() {
        return Map.of(PROBLEM, problem(), PROBLEM_ERROR, problemError(), AUDIT_BODY, auditBody(),
                HANDOFF_REPORT, handoffReport(), INCIDENT_PACKET, incidentPacket(), JSON_SCHEMA, jsonSchema(),
                RULESET_RELOAD, rulesetReload());
    }

    /** RFC 9457 problem details plus the service's stable {@code code} and, for invalid input, {@code errors[]}. */
    private static Schema<?> problem() {
        return new ObjectSchema().description("RFC 9457 problem details (application/problem+json) with a stable code.")
                .required(List.of("type", "title", "status", "code"))
                .addProperty("type", new StringSchema().format("uri").description("https://handoff.io/problems/<code>"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema().description("What went wrong, in the service's words."))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().description("Stable problem code, e.g. invalid-contract, forbidden."))
                .addProperty("errors", new ArraySchema().items(ref(PROBLEM_ERROR))
                        .description("Every violation, for invalid contracts and requests."))
                .addProperty("decisionId", new StringSchema().description("The rejected attempt's audit record (invalid-contract)."))
                .addProperty("outcome", new StringSchema())
                .addProperty("parameter", new StringSchema().description("The query parameter or header at fault (bad-parameter)."))
                .addProperty("retryAfterSeconds", new IntegerSchema().format("int64"))
                .addProperty("notBefore", new StringSchema().format("date-time"))
                .addProperty("errorId", new StringSchema().description("Quote it to the operators (internal-error)."));
    }

    private static Schema<?> problemError() {
        return new ObjectSchema().required(List.of("code", "message"))
                .addProperty("pointer", new StringSchema().description("JSON pointer into the request body, e.g. /case/priority."))
                .addProperty("parameter", new StringSchema().description("The query parameter, when the error is in the query string."))
                .addProperty("code", new StringSchema().description("e.g. required, not-allowed-value, too-long, timestamp-without-zone."))
                .addProperty("message", new StringSchema());
    }

    /**
     * What an audit record holds. For a decision or a rejected attempt: the (masked) contract, the decision exactly as
     * answered (absent for a rejection) and the violations; other kinds (approval, attempt, incident, outcome,
     * flag-change, ruleset, key-event) carry their own step fields next to {@code kind}.
     */
    private static Schema<?> auditBody() {
        return new ObjectSchema().description("The evidence an audit record keeps; the fields present depend on kind.")
                .addProperty("decisionId", new StringSchema())
                .addProperty("kind", new StringSchema())
                .addProperty("contractId", new StringSchema())
                .addProperty("domain", new StringSchema())
                .addProperty("handoffType", new StringSchema())
                .addProperty("outcome", new StringSchema())
                .addProperty("posture", new StringSchema())
                .addProperty("rulesetVersion", new StringSchema())
                .addProperty("inputHash", new StringSchema())
                .addProperty("supersedes", new StringSchema())
                .addProperty("recordedAt", new StringSchema().format("date-time"))
                .addProperty("submittedBy", new StringSchema())
                .addProperty("contract", new ObjectSchema().description("The contract as received, personal data masked."))
                .addProperty("maskedPointers", new ArraySchema().items(new StringSchema()))
                .addProperty("decision", ref("Decision").description("The decision exactly as answered; null for a rejected contract."))
                .addProperty("violations", new ArraySchema().items(ref("Violation")))
                .addProperty("timings", new ObjectSchema()
                        .addProperty("validateMicros", new IntegerSchema().format("int64"))
                        .addProperty("evaluateMicros", new IntegerSchema().format("int64")));
    }

    private static Schema<?> handoffReport() {
        return new ObjectSchema().description("One handoff's story in one document.")
                .addProperty("handoff", ref("HandoffState"))
                .addProperty("decision", ref("Decision"))
                .addProperty("approvals", new ArraySchema().items(ref("Approval")))
                .addProperty("attempts", new ArraySchema().items(ref("Attempt")))
                .addProperty("incidents", new ArraySchema().items(ref("Incident")))
                .addProperty("outcomes", new ArraySchema().items(ref("OutcomeReport")))
                .addProperty("timeline", ref("Timeline"));
    }

    private static Schema<?> incidentPacket() {
        Schema<?> traceRef = new ObjectSchema()
                .addProperty("decisionId", new StringSchema()).addProperty("seq", new IntegerSchema())
                .addProperty("ruleId", new StringSchema()).addProperty("source", ref("Source"))
                .addProperty("did", new ArraySchema().items(new StringSchema()));
        return new ObjectSchema().description("What oversight gets for an escalation.")
                .addProperty("incident", ref("Incident"))
                .addProperty("contractId", new StringSchema())
                .addProperty("decisionId", new StringSchema())
                .addProperty("rulesetVersion", new StringSchema())
                .addProperty("auditSeq", new IntegerSchema().format("int64"))
                .addProperty("auditHash", new StringSchema())
                .addProperty("outcome", new StringSchema())
                .addProperty("posture", new StringSchema())
                .addProperty("score", new IntegerSchema())
                .addProperty("violations", new ObjectSchema()
                        .addProperty("guardrails", new ArraySchema().items(ref("Finding")))
                        .addProperty("remediation", new ArraySchema().items(ref("RemediationItem"))))
                .addProperty("trace", new ArraySchema().items(traceRef))
                .addProperty("contract", new ObjectSchema().description("The contract, personal data masked."))
                .addProperty("maskedPointers", new ArraySchema().items(new StringSchema()))
                .addProperty("failedGates", new ArraySchema().items(ref("Approval")))
                .addProperty("retryHistory", new ArraySchema().items(ref("Attempt")));
    }

    private static Schema<?> jsonSchema() {
        return new ObjectSchema().description("A JSON Schema (draft 2020-12) document; in this API, the handoff contract's.")
                .addProperty("$schema", new StringSchema().format("uri"))
                .addProperty("$id", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("description", new StringSchema());
    }

    private static Schema<?> rulesetReload() {
        return new ObjectSchema().description("Reload the configured rules/ and decision-tables/ folders as a candidate.")
                .addProperty("source", new StringSchema()._enum(List.of("folders")));
    }
}
