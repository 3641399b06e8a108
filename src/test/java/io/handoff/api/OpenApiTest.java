package io.handoff.api;

import io.handoff.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
        assertThat(docs.at("/components/schemas/HandoffContract/$schema").asString()).contains("2020-12");
        assertThat(docs.at("/paths/~1api~1v1~1decisions/post/responses/422/description").asString()).contains("invalid-contract");
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
}
