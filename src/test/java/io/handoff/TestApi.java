package io.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service over real HTTP as one of the development roles, for tests. */
public final class TestApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final int port;

    public TestApi(int port) {
        this.port = port;
    }

    /** {@code role}: decider, analyst, approver, auditor or admin; a JSON body when {@code body} is not null. */
    public HttpResponse<String> send(String role, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = TestKeys.as(role, URI.create("http://localhost:" + port + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's JSON body, after checking its status (the body is the failure message). */
    public static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
