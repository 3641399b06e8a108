package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who acts is the credential's principal, over real HTTP: an approval body naming someone else is refused unless the
 * caller holds the delegate role (then both are recorded), the principal that submitted a decision never approves its
 * gates (admins included), and a revoked key's console session ends on its next request.
 */
@ServiceTest
class IdentityFromCredentialTest {
    private static final String CONTRACT = "cs-enterprise-sev1-to-engineering.json"; // gates: incident-commander, account-owner

    @LocalServerPort
    int port;

    @Test
    void anApproverKeyCannotApproveAsAnotherPrincipal() throws Exception {
        String contractId = decide("decider");
        String gate = pendingApproval("incident-commander", contractId);

        JsonNode refused = json(api().send("approver", "POST", "/api/v1/approvals/" + gate, step("morgan-diaz")), 403);
        assertThat(refused.get("code").asString()).isEqualTo("acting-as-other");
        assertThat(refused.get("detail").asString()).contains("dev-approver", "morgan-diaz", "delegate");
        assertThat(json(api().send("approver", "GET", "/api/v1/approvals/" + gate, null), 200).get("status").asString())
                .isEqualTo("pending");

        JsonNode approved = json(api().send("approver", "POST", "/api/v1/approvals/" + gate, step("dev-approver")), 200);
        assertThat(approved.at("/step/decidedBy").asString()).isEqualTo("dev-approver");
        assertThat(approved.at("/step/onBehalfOf").isMissingNode()).isTrue();
        JsonNode record = record(approved.get("recordId").asString());
        assertThat(record.get("actor").asString()).isEqualTo("dev-approver");
        assertThat(record.has("onBehalfOf")).isFalse();
    }

    @Test
    void anAdminCannotApproveAHandoffItSent() throws Exception {
        String contractId = decide("admin");
        JsonNode handoff = json(api().send("admin", "GET", "/api/v1/handoffs/" + contractId, null), 200).get("handoff");
        assertThat(handoff.get("submittedBy").asString()).isEqualTo("dev-admin");
        assertThat(record(handoff.get("decisionId").asString()).get("submittedBy").asString()).isEqualTo("dev-admin");
        String gate = pendingApproval("incident-commander", contractId);

        JsonNode refused = json(api().send("admin", "POST", "/api/v1/approvals/" + gate, step(null)), 403);
        assertThat(refused.get("code").asString()).isEqualTo("four-eyes");
        assertThat(refused.get("detail").asString()).contains("dev-admin");
        assertThat(json(api().send("admin", "GET", "/api/v1/approvals/" + gate, null), 200).get("status").asString())
                .isEqualTo("pending");
        JsonNode records = json(api().send("auditor", "GET", "/api/v1/decisions?kind=approval&contractId=" + contractId, null), 200);
        assertThat(records.get("items").valueStream().map(r -> r.get("outcome").asString()).toList()).containsExactly("refused");
    }

    @Test
    void aDelegateApprovalRecordsThePrincipalAndWhomItActedFor() throws Exception {
        TestApi.Key desk = api().createKey("approval-desk", "approver", "delegate");
        String contractId = decide("decider");
        String incidentGate = pendingApproval("incident-commander", contractId);
        String accountGate = pendingApproval("account-owner", contractId);

        JsonNode approved = json(api().sendWithKey(desk.secret(), "POST", "/api/v1/approvals/" + incidentGate, step("jo-reyes")), 200);
        assertThat(approved.at("/step/decidedBy").asString()).isEqualTo(desk.name());
        assertThat(approved.at("/step/onBehalfOf").asString()).isEqualTo("jo-reyes");
        JsonNode record = record(approved.get("recordId").asString());
        assertThat(record.get("actor").asString()).isEqualTo(desk.name());
        assertThat(record.get("onBehalfOf").asString()).isEqualTo("jo-reyes");
        assertThat(record.at("/approval/onBehalfOf").asString()).isEqualTo("jo-reyes");

        JsonNode notTheirRole = json(api().sendWithKey(desk.secret(), "POST", "/api/v1/approvals/" + accountGate, step("lee-park")), 403);
        assertThat(notTheirRole.get("code").asString()).as("the person acted for must hold the gate's role")
                .isEqualTo("wrong-approver-role");
    }

    @Test
    void aRevokedKeysConsoleSessionGets401OnItsNextRequest() throws Exception {
        TestApi.Key key = api().createKey("console-approver", "approver");
        HttpClient first = signIn(key.secret());
        HttpClient second = signIn(key.secret());
        assertThat(get(first, "/api/v1/approvals").statusCode()).isEqualTo(200);
        assertThat(get(second, "/console/approvals").statusCode()).isEqualTo(200);

        json(api().send("admin", "DELETE", "/api/v1/admin/keys/" + key.id(), null), 200);

        HttpResponse<String> call = get(first, "/api/v1/approvals");
        assertThat(call.statusCode()).as(call.body()).isEqualTo(401);
        assertThat(call.body()).contains("\"code\":\"unauthenticated\"");
        HttpResponse<String> page = get(second, "/console/approvals");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
        assertThat(get(second, "/api/v1/approvals").statusCode()).isEqualTo(401);
    }

    @Test
    void aFlagChangeNamingSomeoneElseIsRefused() throws Exception {
        ObjectNode change = ContractFixtures.JSON.createObjectNode().put("domain", "product-management").put("team", "*")
                .put("mode", "observe").put("reason", "identity test").put("actor", "someone-else");
        JsonNode refused = json(api().send("admin", "PUT", "/api/v1/admin/flags", change.toString()), 403);
        assertThat(refused.get("code").asString()).isEqualTo("acting-as-other");
        assertThat(api().send("admin", "GET", "/api/v1/admin/flags", null).body()).doesNotContain("identity test");
    }

    // ---- helpers

    private String decide(String role) throws Exception {
        String contractId = "HC-ID-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode decision = json(api().send(role, "POST", "/api/v1/decisions",
                ContractFixtures.contract(CONTRACT, contractId).toString()), 200);
        assertThat(decision.get("outcome").asString()).isEqualTo("accept-pending-approval");
        return contractId;
    }

    private String pendingApproval(String role, String contractId) throws Exception {
        JsonNode queue = json(api().send("approver", "GET", "/api/v1/approvals?status=pending&limit=500&role=" + role, null), 200);
        return queue.get("items").valueStream().filter(a -> a.get("contractId").asString().equals(contractId))
                .findFirst().orElseThrow().get("approvalId").asString();
    }

    private static String step(String approverId) {
        ObjectNode step = ContractFixtures.JSON.createObjectNode().put("decision", "approve").put("comment", "identity test");
        return (approverId == null ? step : step.put("approverId", approverId)).toString();
    }

    private JsonNode record(String recordId) throws Exception {
        return json(api().send("auditor", "GET", "/api/v1/decisions/" + recordId, null), 200).get("record");
    }

    /** A console sign-in with its own cookie jar: the session is the only credential of its later requests. */
    private HttpClient signIn(String secret) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=console&apiKey=" + secret)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        return browser;
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Accept", path.startsWith("/api") ? "application/json" : "text/html")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private TestApi api() {
        return new TestApi(port);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        return TestApi.json(response, status);
    }
}
