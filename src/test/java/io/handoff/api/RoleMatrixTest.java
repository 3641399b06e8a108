package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.TestKeys;

/** Every endpoint with every role: the allowed roles get 2xx, every other role 403, no key 401. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/roles-${random.uuid};WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        // the admin key an approver too, so the matrix shows its route is open to admins (the directory decides the rest)
        "handoff.orchestration.approvers.dev-admin=product-lead"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RoleMatrixTest {
    private static final List<String> ROLES = List.of("decider", "analyst", "approver", "auditor", "admin");
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private String decisionId;
    private String version;

    private record Endpoint(String method, String path, String body, Set<String> allowed) {
    }

    @BeforeEach
    void prepare() throws Exception {
        HttpResponse<String> decided = send("admin", "POST", "/api/v1/decisions",
                new String(ContractFixtures.contract("pm-spec-to-engineering.json")));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        decisionId = ContractFixtures.JSON.readTree(decided.body()).get("decisionId").asString();
        // submitted by an analyst of its own, so that both the analyst and the admin development keys may promote it
        String submitter = ContractFixtures.JSON.readTree(send("admin", "POST", "/api/v1/admin/keys", "{\"name\": \"matrix-submitter-"
                + UUID.randomUUID().toString().substring(0, 8) + "\", \"roles\": [\"analyst\"]}").body()).get("secret").asString();
        HttpRequest submit = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/rulesets"))
                .header(TestKeys.HEADER, submitter).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        version = ContractFixtures.JSON.readTree(http.send(submit, HttpResponse.BodyHandlers.ofString()).body()).get("version").asString();
        for (int i = 0; i < 900 && send("admin", "GET", "/api/v1/rulesets/" + version, null).body().contains("compiling"); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void everyEndpointAllowsExactlyItsRoles() throws Exception {
        String contract = new String(ContractFixtures.contract("pm-spec-to-engineering.json"));
        Set<String> readers = Set.of("auditor", "admin");
        Set<String> analysts = Set.of("analyst", "admin");
        Set<String> admins = Set.of("admin");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String keyId = ContractFixtures.JSON.readTree(send("admin", "POST", "/api/v1/admin/keys",
                "{\"name\": \"matrix-revoked-" + run + "\", \"roles\": [\"auditor\"]}").body()).get("id").asString();
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/api/v1/decisions", contract, Set.of("decider", "admin")),
                new Endpoint("GET", "/api/v1/decisions?limit=5", null, readers),
                new Endpoint("GET", "/api/v1/decisions/" + decisionId, null, readers),
                new Endpoint("GET", "/api/v1/decisions/export?format=csv", null, readers),
                new Endpoint("POST", "/api/v1/decisions/" + decisionId + "/replay", null, readers),
                new Endpoint("GET", "/api/v1/audit/verify", null, readers),
                new Endpoint("GET", "/api/v1/audit/checkpoints", null, readers),
                new Endpoint("GET", "/api/v1/rulesets", null, Set.of("analyst", "auditor", "admin")),
                new Endpoint("GET", "/api/v1/rulesets/active", null, Set.of("analyst", "auditor", "admin")),
                new Endpoint("GET", "/api/v1/rulesets/" + version, null, Set.of("analyst", "auditor", "admin")),
                new Endpoint("GET", "/api/v1/rulesets/" + version + "/shadow-report", null, Set.of("analyst", "auditor", "admin")),
                new Endpoint("POST", "/api/v1/rulesets", "{}", analysts),
                new Endpoint("POST", "/api/v1/rulesets/" + version + "/shadow", "{\"enabled\": false}", analysts),
                new Endpoint("POST", "/api/v1/rulesets/" + version + "/canary", "{\"percent\": 0, \"reason\": \"matrix\"}", analysts),
                new Endpoint("POST", "/api/v1/rulesets/" + version + "/promote", "{\"override\": true, \"reason\": \"matrix\"}", analysts),
                new Endpoint("POST", "/api/v1/rulesets/rollback", "{\"reason\": \"matrix\"}", analysts),
                new Endpoint("POST", "/api/v1/admin/keys", "{\"name\": \"matrix-" + run + "\", \"roles\": [\"auditor\"]}", admins),
                new Endpoint("GET", "/api/v1/admin/keys", null, admins),
                new Endpoint("GET", "/api/v1/admin/keys/" + keyId, null, admins),
                new Endpoint("DELETE", "/api/v1/admin/keys/" + keyId, null, admins),
                new Endpoint("GET", "/api/v1/schemas/handoff-contract", null, Set.of("decider", "analyst", "approver", "auditor", "admin", "none")));
        for (Endpoint endpoint : endpoints) {
            for (String role : ROLES) {
                if (endpoint.path().endsWith("/rollback") && endpoint.allowed().contains(role)) {
                    send(role, "POST", "/api/v1/rulesets/" + version + "/promote", "{\"override\": true, \"reason\": \"matrix\"}");
                }
                HttpResponse<String> response = send(role, endpoint.method(), endpoint.path(), endpoint.body());
                String what = role + " " + endpoint.method() + " " + endpoint.path() + " -> " + response.body();
                if (endpoint.allowed().contains(role)) {
                    assertThat(response.statusCode()).as(what).isBetween(200, 299);
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(403);
                    assertThat(response.body()).as(what).contains("\"code\":\"forbidden\"");
                }
            }
            HttpResponse<String> anonymous = send(null, endpoint.method(), endpoint.path(), endpoint.body());
            if (endpoint.allowed().contains("none")) {
                assertThat(anonymous.statusCode()).isEqualTo(200);
            } else {
                assertThat(anonymous.statusCode()).as("no key: " + endpoint.path()).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            }
        }
    }

    /** A request made afresh for every caller, for steps that can be taken only once (an approval, a resolution). */
    private interface Fresh {
        String[] pathAndBody() throws Exception;
    }

    private record StepEndpoint(String method, Fresh fresh, Set<String> allowed) {
    }

    @Test
    void everyOrchestrationEndpointAllowsExactlyItsRoles() throws Exception {
        String readers = "auditor";
        List<StepEndpoint> endpoints = List.of(
                new StepEndpoint("GET", () -> new String[] {"/api/v1/approvals?status=pending", null}, Set.of("approver", readers, "admin")),
                new StepEndpoint("GET", () -> new String[] {"/api/v1/approvals/" + approval(pendingContract()), null}, Set.of("approver", readers, "admin")),
                new StepEndpoint("POST", () -> new String[] {"/api/v1/approvals/" + approval(pendingContract()),
                        "{\"decision\":\"approve\"}"}, Set.of("approver", "admin")),
                new StepEndpoint("POST", () -> new String[] {"/api/v1/handoffs/" + acceptedContract() + "/attempts",
                        "{\"result\":\"delivered\",\"at\":\"2026-11-20T10:00:00Z\"}"}, Set.of("decider", "admin")),
                new StepEndpoint("POST", () -> new String[] {"/api/v1/outcomes", "{\"contractId\":\"" + acceptedContract()
                        + "\",\"kind\":\"resolved\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}"}, Set.of("decider", "admin")),
                new StepEndpoint("GET", () -> new String[] {"/api/v1/handoffs/" + acceptedContract(), null}, Set.of("decider", "approver", readers, "admin")),
                new StepEndpoint("GET", () -> new String[] {"/api/v1/handoffs/" + acceptedContract() + "/report", null}, Set.of("decider", "approver", readers, "admin")),
                new StepEndpoint("GET", () -> new String[] {"/api/v1/incidents", null}, Set.of("approver", readers, "admin")),
                new StepEndpoint("GET", () -> new String[] {"/api/v1/incidents/" + incident(), null}, Set.of("approver", readers, "admin")),
                new StepEndpoint("POST", () -> new String[] {"/api/v1/incidents/" + incident() + "/acknowledge",
                        "{\"note\":\"seen\"}"}, Set.of("approver", "admin")),
                new StepEndpoint("POST", () -> new String[] {"/api/v1/incidents/" + incident() + "/resolve",
                        "{\"resolution\":\"done\"}"}, Set.of("approver", "admin")),
                new StepEndpoint("GET", () -> new String[] {"/api/v1/scorecard", null}, Set.of("analyst", readers, "admin")),
                new StepEndpoint("GET", () -> new String[] {"/api/v1/tuning", null}, Set.of("analyst", readers, "admin")));
        for (StepEndpoint endpoint : endpoints) {
            for (String role : ROLES) {
                String[] request = endpoint.fresh().pathAndBody();
                HttpResponse<String> response = send(role, endpoint.method(), request[0], request[1]);
                String what = role + " " + endpoint.method() + " " + request[0] + " -> " + response.body();
                if (endpoint.allowed().contains(role)) {
                    assertThat(response.statusCode()).as(what).isBetween(200, 299);
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(403);
                }
            }
            String[] request = endpoint.fresh().pathAndBody();
            assertThat(send(null, endpoint.method(), request[0], request[1]).statusCode()).as("no key: " + request[0]).isEqualTo(401);
        }
    }

    private int fresh;

    private String decide(String caseFile, String prefix) throws Exception {
        tools.jackson.databind.node.ObjectNode contract = (tools.jackson.databind.node.ObjectNode) tools.jackson.dataformat.yaml.YAMLMapper
                .builder().build().readTree(java.nio.file.Files.readString(java.nio.file.Path.of("rules/cases/" + caseFile))).get("contract");
        String contractId = prefix + "-" + (++fresh);
        contract.put("contractId", contractId);
        // sent by the decider: no approver or admin key sent it, so four eyes lets both decide its gates
        assertThat(send("decider", "POST", "/api/v1/decisions", contract.toString()).statusCode()).isEqualTo(200);
        return contractId;
    }

    private String pendingContract() throws Exception {
        return decide("pm-040-customer-commitment.yaml", "ROLES-PENDING");
    }

    private String acceptedContract() throws Exception {
        return decide("cs-020-enterprise-tier2.yaml", "ROLES-ACCEPTED");
    }

    private String approval(String contractId) throws Exception {
        return ContractFixtures.JSON.readTree(send("admin", "GET", "/api/v1/approvals?role=product-lead&limit=500", null).body())
                .get("items").valueStream().filter(a -> a.get("contractId").asString().equals(contractId)).findFirst().orElseThrow()
                .get("approvalId").asString();
    }

    private String incident() throws Exception {
        String contractId = decide("pm-130-bare-minimum.yaml", "ROLES-ESCALATED");
        return ContractFixtures.JSON.readTree(send("admin", "GET", "/api/v1/incidents?contractId=" + contractId, null).body())
                .get("items").get(0).get("incidentId").asString();
    }

    @Test
    void anUnknownKeyIsRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/verify"))
                .header(TestKeys.HEADER, "guessed-key").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
    }

    private HttpResponse<String> send(String role, String method, String path, String body) throws Exception {
        URI uri = URI.create("http://localhost:" + port + path);
        HttpRequest.Builder builder = role == null ? HttpRequest.newBuilder(uri) : TestKeys.as(role, uri);
        builder.header("Content-Type", "application/json");
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
