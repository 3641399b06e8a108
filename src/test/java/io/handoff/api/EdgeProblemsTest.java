package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Problem+json on every path, also where Spring MVC is never reached: hostile path values (firewall and Tomcat),
 * undocumented methods whatever the role, compressed and non-UTF-8 bodies, bodies over the cap on any endpoint,
 * over-long free text; and anonymous calls open no HTTP session.
 */
@ServiceTest
class EdgeProblemsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void hostilePathValuesGetProblemJsonNeverTomcatHtmlOrSpringsErrorJson() throws Exception {
        for (String path : List.of("/api/v1/decisions/", "/api/v1/approvals/", "/api/v1/rulesets/", "/api/v1/admin/keys/")) {
            for (String value : List.of("a;b", "a%25b", "a%2Fb", "a%00b", "a%01b", "a%5Cb", "a%0Ab", "%2e%2e", "a%ffb")) {
                HttpResponse<String> response = http.send(TestKeys.request(uri(path + value)).build(), HttpResponse.BodyHandlers.ofString());
                assertProblem(response, path + value);
                assertThat(response.statusCode()).as(path + value).isIn(400, 404);
            }
        }
    }

    @Test
    void undocumentedMethodsAre405WithAllowWhateverTheRole() throws Exception {
        for (String role : List.of("auditor", "decider", "approver")) {
            HttpResponse<String> response = http.send(TestKeys.as(role, uri("/api/v1/decisions"))
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(response, role);
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        }
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/approvals")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(405);
        assertProblem(anonymous, "anonymous DELETE");
    }

    @Test
    void traceAndTheErrorPathItselfGetProblemJsonNeverSpringsErrorJsonOrA500() throws Exception {
        for (String path : List.of("/api/v1/decisions", "/console", "/nothing-here")) {
            HttpResponse<String> trace = http.send(HttpRequest.newBuilder(uri(path)).method("TRACE", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(trace.statusCode()).as("TRACE " + path).isEqualTo(405);
            assertProblem(trace, "TRACE " + path);
        }
        HttpResponse<String> error = http.send(HttpRequest.newBuilder(uri("/error")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(error.statusCode()).isEqualTo(404);
        assertProblem(error, "GET /error");
    }

    @Test
    void anUnknownPathIs404NotForbidden() throws Exception {
        for (String role : List.of("analyst", "admin")) {
            HttpResponse<String> response = http.send(TestKeys.as(role, uri("/api/v1/nothing-here")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertProblem(response, role);
            assertThat(response.statusCode()).as(role).isEqualTo(404);
            assertThat(code(response)).isEqualTo("not-found");
            assertThat(response.body()).doesNotContain("static resource");
        }
        // what stays closed: anonymous callers learn nothing about which paths exist, and paths that exist keep their roles
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        for (String path : List.of("/api/v1/admin/keys", "/actuator/metrics")) {
            HttpResponse<String> closed = http.send(TestKeys.as("analyst", uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(closed.statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void gzipBodiesAreRefusedWith415AndNeverParsed() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
        }
        HttpResponse<String> response = http.send(TestKeys.as("decider", uri("/api/v1/decisions"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Accept-Encoding")).hasValue("identity");
        assertThat(code(response)).isEqualTo("unsupported-content-encoding");
    }

    @Test
    void overlongUtf8IsRefusedAndParserInternalsNeverReachTheDetail() throws Exception {
        byte[] overlong = "{\"contractId\":\"a\u0000\u0000b\"}".getBytes(StandardCharsets.ISO_8859_1);
        overlong[16] = (byte) 0xC0; // C0 AF: an overlong '/'
        overlong[17] = (byte) 0xAF;
        HttpResponse<String> refused = post("decider", "/api/v1/decisions", overlong);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(code(refused)).isEqualTo("malformed-json");
        assertThat(detail(refused)).contains("UTF-8");
        for (String path : List.of("/api/v1/decisions", "/api/v1/preflight")) {
            HttpResponse<String> nan = post("decider", path, "{\"a\": NaN}".getBytes(StandardCharsets.UTF_8));
            assertThat(nan.statusCode()).as(path).isLessThan(500);
            assertThat(nan.body()).doesNotContain("JsonReadFeature").doesNotContain("`").doesNotContain("tools.jackson");
        }
        HttpResponse<String> wrongType = post("approver", "/api/v1/approvals/x", "{\"decision\": {}}".getBytes(StandardCharsets.UTF_8));
        assertThat(detail(wrongType)).isEqualTo("the value at /decision has the wrong type");
    }

    @Test
    void everyEndpointCapsItsBodyBeforeParsingEvenWithoutContentLength() throws Exception {
        byte[] big = ("{\"comment\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/v1/approvals/x", "/api/v1/outcomes", "/api/v1/admin/keys", "/api/v1/rulesets/rollback")) {
            assertThat(post("admin", path, big).statusCode()).as(path).isEqualTo(413);
            HttpResponse<String> chunked = http.send(TestKeys.as("admin", uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as("chunked " + path).isEqualTo(413);
            assertProblem(chunked, path);
        }
    }

    @Test
    void freeTextOverItsLimitIs422WithThePointer() throws Exception {
        HttpResponse<String> flags = http.send(TestKeys.as("admin", uri("/api/v1/admin/flags")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"enforce\",\"reason\":\"" + "r".repeat(3000) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(flags.statusCode()).isEqualTo(422);
        JsonNode problem = ContractFixtures.JSON.readTree(flags.body());
        assertThat(problem.get("code").asString()).isEqualTo("field-too-long");
        assertThat(problem.at("/errors/0/pointer").asString()).isEqualTo("/reason");
        HttpResponse<String> comment = post("approver", "/api/v1/approvals/x",
                ("{\"decision\":\"approve\",\"comment\":\"" + "c".repeat(2001) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(comment.statusCode()).isEqualTo(422);
    }

    @Test
    void aTimestampWithoutSecondsIsAcceptedAsThePatternSays() throws Exception {
        ObjectNode contract = (ObjectNode) ContractFixtures.JSON.readTree(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
        contract.put("contractId", "EDGE-HHMM-1");
        contract.put("asOf", "2026-11-20T09:30Z");
        HttpResponse<String> response = post("decider", "/api/v1/decisions", ContractFixtures.JSON.writeValueAsBytes(contract));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aThousandAnonymousCallsOpenNoSession() throws Exception {
        double before = sessionsCreated();
        for (int i = 0; i < 1000; i++) {
            String path = switch (i % 4) {
                case 0 -> "/api/v1/decisions";
                case 1 -> "/api/v1/schemas/handoff-contract";
                case 2 -> "/actuator/health";
                default -> "/api/v1/decisions/x;y";
            };
            http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.discarding());
        }
        assertThat(sessionsCreated()).isEqualTo(before);
        assertThat(meters.get("tomcat.sessions.active.current").gauge().value()).isZero();
    }

    private double sessionsCreated() {
        return meters.get("tomcat.sessions.created").functionCounter().count();
    }

    private HttpResponse<String> post(String role, String path, byte[] body) throws Exception {
        return http.send(TestKeys.as(role, uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, String what) {
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(ContractFixtures.JSON.readTree(response.body()).has("code")).as(what + ": " + response.body()).isTrue();
    }

    private static String code(HttpResponse<String> response) {
        return ContractFixtures.JSON.readTree(response.body()).get("code").asString();
    }

    private static String detail(HttpResponse<String> response) {
        return ContractFixtures.JSON.readTree(response.body()).get("detail").asString();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
