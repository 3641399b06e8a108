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

    /** A key an admin created: its principal is {@code name}. */
    public record Key(String id, String name, String secret) {
    }

    /** {@code role}: decider, analyst, approver, auditor or admin; a JSON body when {@code body} is not null. */
    public HttpResponse<String> send(String role, String method, String path, String body) throws Exception {
        return send(TestKeys.as(role, URI.create("http://localhost:" + port + path)), method, body);
    }

    /** The same with any key, e.g. one from {@link #createKey}. */
    public HttpResponse<String> sendWithKey(String key, String method, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header(TestKeys.HEADER, key), method, body);
    }

    /** Creates a key with these roles as the admin, named {@code prefix} plus a random suffix (names are never reused). */
    public Key createKey(String prefix, String... roles) throws Exception {
        var request = JSON.createObjectNode().put("name", prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        var list = request.putArray("roles");
        for (String role : roles) {
            list.add(role);
        }
        JsonNode created = json(send("admin", "POST", "/api/v1/admin/keys", request.toString()), 201);
        return new Key(created.get("id").asString(), created.get("name").asString(), created.get("secret").asString());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String method, String body) throws Exception {
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
