package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestKeys;
import io.handoff.security.ApiKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Admins create, list and revoke API keys over real HTTP; a created key works for its roles only, until revoked. */
@ServiceTest
class AdminKeysTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aCreatedKeyActsForItsRoleUntilItIsRevoked() throws Exception {
        String name = "ops-auditor-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(TestKeys.ADMIN, "POST", "/api/v1/admin/keys", keyRequest(name, "auditor"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode key = ContractFixtures.JSON.readTree(created.body());
        String id = key.get("id").asString();
        String secret = key.get("secret").asString();
        assertThat(secret).startsWith("hk_").hasSize(3 + 43);
        assertThat(key.get("name").asString()).isEqualTo(name);
        assertThat(key.get("roles").valueStream().map(JsonNode::asString).toList()).containsExactly("auditor");
        assertThat(key.get("createdBy").asString()).isEqualTo("dev-admin");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/admin/keys/" + id);

        assertThat(send(secret, "GET", "/api/v1/audit/verify", null).statusCode()).isEqualTo(200);
        assertThat(send(secret, "GET", "/api/v1/rulesets", null).statusCode()).isEqualTo(200);
        for (String[] refused : List.of(new String[] {"POST", "/api/v1/decisions"}, new String[] {"POST", "/api/v1/rulesets/rollback"},
                new String[] {"GET", "/api/v1/admin/keys"}, new String[] {"POST", "/api/v1/admin/keys"})) {
            HttpResponse<String> response = send(secret, refused[0], refused[1], "{}");
            assertThat(response.statusCode()).as(refused[0] + " " + refused[1]).isEqualTo(403);
            assertThat(response.body()).contains("\"code\":\"forbidden\"");
        }

        String listed = send(TestKeys.ADMIN, "GET", "/api/v1/admin/keys", null).body();
        assertThat(listed).contains(id, name).doesNotContain(secret).doesNotContain(ApiKeys.sha256(secret));
        assertThat(send(TestKeys.ADMIN, "GET", "/api/v1/admin/keys/" + id, null).body())
                .contains("\"revokedAt\":null").doesNotContain(ApiKeys.sha256(secret));

        HttpResponse<String> revoked = send(TestKeys.ADMIN, "DELETE", "/api/v1/admin/keys/" + id, null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(ContractFixtures.JSON.readTree(revoked.body()).get("revokedBy").asString()).isEqualTo("dev-admin");
        HttpResponse<String> afterRevoke = send(secret, "GET", "/api/v1/audit/verify", null);
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        assertThat(afterRevoke.body()).contains("\"code\":\"unauthenticated\"");

        HttpResponse<String> again = send(TestKeys.ADMIN, "DELETE", "/api/v1/admin/keys/" + id, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"code\":\"key-already-revoked\"");
        HttpResponse<String> reused = send(TestKeys.ADMIN, "POST", "/api/v1/admin/keys", keyRequest(name, "decider"));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.body()).contains("\"code\":\"duplicate-key-name\"");

        // the creation and the revocation are records of the chain, with who did it; refused requests recorded nothing
        String[] events = send(TestKeys.ADMIN, "GET", "/api/v1/decisions/export?kind=key-event", null).body().strip().split("\n");
        List<JsonNode> ofThisKey = java.util.Arrays.stream(events).map(ContractFixtures.JSON::readTree)
                .filter(event -> id.equals(event.at("/record/keyId").asString())).toList();
        assertThat(ofThisKey).extracting(event -> event.get("outcome").asString()).containsExactly("key-created", "key-revoked");
        assertThat(ofThisKey).allSatisfy(event -> assertThat(event.at("/record/actor").asString()).isEqualTo("dev-admin"));
        JsonNode verify = ContractFixtures.JSON.readTree(send(TestKeys.ADMIN, "GET", "/api/v1/audit/verify", null).body());
        assertThat(verify.get("status").asString()).as(verify.toString()).isEqualTo("intact");
        assertThat(verify.get("problems").size()).isZero();
        assertThat(verify.has("signedCheckpoints")).isTrue();
    }

    @Test
    void aCreatedAdminKeyManagesKeysAndIsNamedAsTheirCreator() throws Exception {
        String name = "ops-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = ContractFixtures.JSON.readTree(send(TestKeys.ADMIN, "POST", "/api/v1/admin/keys",
                keyRequest(name, "admin")).body()).get("secret").asString();
        HttpResponse<String> created = send(secret, "POST", "/api/v1/admin/keys", keyRequest(name + "-decider", "decider"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode decider = ContractFixtures.JSON.readTree(created.body());
        assertThat(decider.get("createdBy").asString()).isEqualTo(name);
        HttpResponse<String> decided = send(decider.get("secret").asString(), "POST", "/api/v1/decisions",
                new String(ContractFixtures.contract("pm-spec-to-engineering.json")));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        HttpResponse<String> revoked = send(secret, "DELETE", "/api/v1/admin/keys/" + decider.get("id").asString(), null);
        assertThat(ContractFixtures.JSON.readTree(revoked.body()).get("revokedBy").asString()).isEqualTo(name);
    }

    @Test
    void invalidKeyRequestsAreRefusedWithEveryViolation() throws Exception {
        JsonNode cases = YAMLMapper.builder().build().readTree(ContractFixtures.resource("/api/invalid-key-requests.yaml"));
        for (JsonNode entry : cases.valueStream().toList()) {
            String what = entry.get("name").asString();
            HttpResponse<String> response = send(TestKeys.ADMIN, "POST", "/api/v1/admin/keys",
                    ContractFixtures.JSON.writeValueAsString(entry.get("body")));
            assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(entry.get("status").asInt());
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = ContractFixtures.JSON.readTree(response.body());
            assertThat(problem.get("code").asString()).as(what).isEqualTo(entry.get("code").asString());
            for (JsonNode error : entry.path("errors").valueStream().toList()) {
                assertThat(problem.get("errors").valueStream()
                        .anyMatch(e -> e.get("pointer").equals(error.get("pointer")) && e.get("code").equals(error.get("code"))))
                        .as(what + ": " + error + " in " + problem.get("errors")).isTrue();
            }
        }
    }

    @Test
    void unknownKeyIdsAreNotFound() throws Exception {
        for (String method : List.of("GET", "DELETE")) {
            HttpResponse<String> response = send(TestKeys.ADMIN, method, "/api/v1/admin/keys/no-such-key", null);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"code\":\"unknown-key\"");
        }
    }

    private static String keyRequest(String name, String role) {
        ObjectNode request = ContractFixtures.JSON.createObjectNode().put("name", name);
        request.putArray("roles").add(role);
        return ContractFixtures.JSON.writeValueAsString(request);
    }

    private HttpResponse<String> send(String key, String method, String path, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(TestKeys.HEADER, key).header("Content-Type", "application/json");
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
