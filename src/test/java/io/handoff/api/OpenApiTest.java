package io.handoff.api;

import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.handoff.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Every API endpoint the service maps is in the OpenAPI 3.1 document, and the contract schema is the decision body. */
@ServiceTest
class OpenApiTest {
    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointIsDocumented() throws Exception {
        JsonNode docs = ContractFixtures.JSON.readTree(HttpClient.newHttpClient().send(
                TestKeys.request(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(docs.get("openapi").asString()).startsWith("3.1");
                assertThat(docs.at("/paths/~1api~1v1~1decisions/post/responses/422/description").asString()).contains("invalid-contract");
        assertThat(docs.at("/components/schemas/HandoffContract/$schema").isMissingNode()).isTrue();
        int checked = 0;
        for (var info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    assertThat(docs.get("paths").has(path)).as("documented path %s", path).isTrue();
                    assertThat(docs.get("paths").get(path).has(method.name().toLowerCase()))
                            .as("documented %s %s", method, path).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }

    @Test
    void everyOperationIsTypedNamedSecuredAndListsItsProblems() throws Exception {
        JsonNode docs = docs();
        java.util.Set<String> ids = new java.util.HashSet<>();
        docs.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            assertThat(ApiOperations.ALL).as("a row in ApiOperations for %s", where).containsKey(where);
            assertThat(ids.add(operation.get("operationId").asString())).as("unique operationId of %s", where).isTrue();
            assertThat(operation.get("operationId").asString()).as(where).doesNotContainPattern("_\\d+$");
            operation.path("parameters").forEach(p -> assertThat(p.get("name").asString()).as(where).isNotEqualTo("params"));
            boolean open = path.getKey().startsWith("/api/v1/schemas/");
            assertThat(operation.path("security").size()).as("security of %s", where).isEqualTo(open ? 0 : 2);
            if (!open) {
                assertThat(operation.at("/responses").has("401")).as("401 of %s", where).isTrue();
                assertThat(operation.at("/responses").has("403")).as("403 of %s", where).isTrue();
            }
            operation.get("responses").properties().forEach(response -> {
                int status = Integer.parseInt(response.getKey());
                if (status >= 400 && !(where.equals("GET /api/v1/preflight") && status == 503)) {
                    assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
                            .as("%s %s", where, status).isEqualTo("#/components/schemas/Problem");
                }
            });
        }));
        JsonNode schemas = docs.at("/components/schemas");
        assertThat(schemas.has("JsonNode")).isFalse();
        assertThat(schemas.has("StreamingResponseBody")).isFalse();
        assertThat(schemas.has("Report")).isFalse();
        for (String report : List.of("PreflightReport", "TuningReport", "ScorecardReport", "ShadowReport", "CandidateReport")) {
            assertThat(schemas.has(report)).as(report).isTrue();
        }
        assertThat(schemas.at("/Problem/required").toString()).contains("code");
        assertThat(schemas.at("/AuditRecord/properties/record/$ref").asString()).isEqualTo("#/components/schemas/AuditRecordBody");
        assertThat(schemas.at("/ContractParty/properties/kind/enum").size()).isEqualTo(3);
        assertThat(docs.at("/components/securitySchemes/ApiKey/name").asString()).isEqualTo("X-API-Key");
        assertThat(docs.at("/components/securitySchemes/BearerJwt/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/paths/~1api~1v1~1decisions/post/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Decision");
        assertThat(docs.at("/paths/~1api~1v1~1admin~1keys/post/responses").has("201")).isTrue();
        assertThat(docs.at("/paths/~1api~1v1~1admin~1keys/post/responses").has("200")).isFalse();
        assertThat(docs.at("/paths/~1api~1v1~1rulesets/post/responses").has("202")).isTrue();
        assertThat(docs.at("/paths/~1api~1v1~1preflight/post/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/HandoffContract");
        assertThat(docs.toString()).doesNotContain("$defs");
    }

    private JsonNode docs() throws Exception {
        return ContractFixtures.JSON.readTree(HttpClient.newHttpClient().send(
                TestKeys.request(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
