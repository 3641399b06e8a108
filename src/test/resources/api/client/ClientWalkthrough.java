package io.handoff.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.handoff.client.api.AuditApi;
import io.handoff.client.api.DecisionApi;
import io.handoff.client.api.KeyApi;
import io.handoff.client.api.OrchestrationApi;
import io.handoff.client.model.Approval;
import io.handoff.client.model.ApprovalStep;
import io.handoff.client.model.AttemptReport;
import io.handoff.client.model.AuditRecord;
import io.handoff.client.model.CreatedKey;
import io.handoff.client.model.Decision;
import io.handoff.client.model.HandoffContract;
import io.handoff.client.model.KeyRequest;
import io.handoff.client.model.OutcomeReportBody;
import io.handoff.client.model.Problem;
import io.handoff.client.model.StepResult;
import io.handoff.client.model.TraceEntry;

/**
 * What a calling service does, written only against the client openapi-generator makes from the served document
 * (GeneratedClientTest compiles it with that client): decide a contract, approve its gates, report an attempt and an
 * outcome, create an API key, read the audit record with its typed trace, and read a 422 as a typed problem.
 * Run by hand: java -cp <client classes>:<jackson> io.handoff.client.ClientWalkthrough http://localhost:8094 contract.json
 */
public final class ClientWalkthrough {
    private ClientWalkthrough() {
    }

    public static void main(String[] args) throws Exception {
        run(args[0], Files.readString(Path.of(args[1]))).forEach((key, value) -> System.out.println(key + ": " + value));
    }

    public static Map<String, Object> run(String baseUrl, String contractJson) throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        ApiClient decider = client(baseUrl, "dev-decider-key");
        HandoffContract contract = decider.getObjectMapper().readValue(contractJson, HandoffContract.class);
        contract.setContractId("GEN-" + UUID.randomUUID().toString().substring(0, 8));

        ApiResponse<Decision> decided = new DecisionApi(decider).decideContractWithHttpInfo(contract, UUID.randomUUID().toString(), null, null);
        Decision decision = decided.getData();
        seen.put("decide.status", decided.getStatusCode());
        seen.put("decision.decisionId", decision.getDecisionId());
        seen.put("decision.outcome", decision.getOutcome());
        seen.put("decision.gates", decision.getApprovals().size());

        OrchestrationApi approver = new OrchestrationApi(client(baseUrl, "dev-approver-key"));
        List<Approval> pending = approver.listApprovals(null, "pending", 500).getItems().stream()
                .filter(a -> contract.getContractId().equals(a.getContractId())).toList();
        String status = null;
        for (Approval approval : pending) {
            StepResult approved = approver.decideApproval(approval.getApprovalId(),
                    new ApprovalStep().decision("approve").comment("generated client: on call informed"));
            status = approved.getHandoff().getStatus();
        }
        seen.put("approvals.decided", pending.size());
        seen.put("handoff.afterApprovals", status);

        OrchestrationApi handoffs = new OrchestrationApi(decider);
        ApiResponse<StepResult> attempt = handoffs.reportAttemptWithHttpInfo(contract.getContractId(), new AttemptReport()
                .attemptId("a-" + contract.getContractId()).result("delivered").at(OffsetDateTime.now().toString()));
        seen.put("attempt.status", attempt.getStatusCode());
        ApiResponse<StepResult> outcome = handoffs.reportOutcomeWithHttpInfo(new OutcomeReportBody()
                .contractId(contract.getContractId()).kind("accepted").occurredAt(OffsetDateTime.now().toString()));
        seen.put("outcome.status", outcome.getStatusCode());

        ApiResponse<CreatedKey> created = new KeyApi(client(baseUrl, "dev-admin-key")).createApiKeyWithHttpInfo(
                new KeyRequest().name("gen-client-" + UUID.randomUUID().toString().substring(0, 8)).roles(List.of("auditor")));
        seen.put("key.status", created.getStatusCode());
        seen.put("key.secretShown", created.getData().getSecret() != null && created.getData().getSecret().startsWith("hk_"));

        AuditRecord record = new AuditApi(client(baseUrl, created.getData().getSecret())).getAuditRecord(decision.getDecisionId());
        TraceEntry first = record.getRecord().getDecision().getTrace().get(0);
        seen.put("audit.kind", record.getKind());
        seen.put("audit.submittedBy", record.getRecord().getSubmittedBy());
        seen.put("audit.trace[0]", first.getRuleId() + " @ " + first.getSource().getFile()
                + (first.getSource().getRow() != null ? " row " + first.getSource().getRow() : " line " + first.getSource().getLine()));

        contract.setAsOf(null);
        try {
            new DecisionApi(decider).decideContract(contract, null, null, null);
            seen.put("invalid.status", "accepted?!");
        } catch (ApiException e) {
            Problem problem = decider.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
            seen.put("invalid.status", e.getCode());
            seen.put("invalid.problem", problem.getCode() + " " + problem.getErrors().get(0).getPointer() + " "
                    + problem.getErrors().get(0).getCode());
        }
        return seen;
    }

    private static ApiClient client(String baseUrl, String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(request -> request.header("X-API-Key", key));
        return client;
    }
}
