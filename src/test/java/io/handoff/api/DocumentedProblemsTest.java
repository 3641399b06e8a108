package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.handoff.TestKeys;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document is the contract of every error: each operation's documented error cases are sent and
 * each answer must be a {@code Problem} (application/problem+json, {@code status} equal to the HTTP status, {@code code}
 * among the codes the document lists for that status), and path values fuzzed with hostile bytes and encodings get only
 * documented problems. Driven by {@code /v3/api-docs} and {@link ApiOperations}: an operation without a row, or an
 * answer its row does not document, fails here. What cannot be provoked from outside is listed in {@link #NOT_PROVOKED}.
 */
@ServiceTest
class DocumentedProblemsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final String SAMPLE = new String(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"),
            StandardCharsets.UTF_8);
    private static final String LONG = "r".repeat(3000);

    /**
     * Documented answers this test does not provoke, with why: "METHOD path status", or "* status" for every operation.
     * Each is documented (so a client handles it) and covered elsewhere or only reachable by breaking the service.
     */
    static final Map<String, String> NOT_PROVOKED = new LinkedHashMap<>();

    static {
        NOT_PROVOKED.put("* 500", "internal-error: needs a failure injected into the service");
        NOT_PROVOKED.put("POST /api/v1/outcomes 409", "outcome-conflict: needs a recorded outcome first; HandoffWalkthroughTest");
        NOT_PROVOKED.put("POST /api/v1/decisions/{decisionId}/replay 409", "record-unreadable: needs a stored body rewritten in the "
                + "database; AuditApiTest.aRecordWhoseBodyNoLongerReadsIsShownAsSuchNotAFailure");
        NOT_PROVOKED.put("POST /api/v1/rulesets/incidents/{incidentId}/redecide 409", "version-active-again: needs a rolled-back "
                + "version promoted again");
        NOT_PROVOKED.put("POST /api/v1/rulesets/incidents/{incidentId}/redecide 422", "missing-who-or-why: needs a real ruleset "
                + "incident, so an automatic rollback (RecoveryApiTest sends the request without a reason)");
        NOT_PROVOKED.put("* 429", "rate-limited/overloaded/candidate-queue-full: RateLimitTest, AdmissionControlTest, CandidateIsolationTest "
                + "exhaust the budgets with their own limits; here it would slow every other test sharing the context");
        NOT_PROVOKED.put("POST /api/v1/decisions 503", "audit-unavailable needs the audit store down (RecordingOffTest, "
                + "PreflightOutageTest); evaluation-timeout needs a slow rule (EvaluationTimeoutApiTest); preflight-failed an outage");
        NOT_PROVOKED.put("GET /api/v1/preflight 503", "a hard check failing (PreflightOutageTest); the body is a PreflightReport");
        NOT_PROVOKED.put("POST /api/v1/decisions 409", "idempotency-key-reused, handoff-* need a handoff's life (ResubmissionTest)");
        NOT_PROVOKED.put("POST /api/v1/decisions 403", "not-enabled needs rollout mode off (RolloutAndTimelineTest); forbidden is sent here");
        NOT_PROVOKED.put("POST /api/v1/approvals/{approvalId} 409", "approval-already-decided needs a decided approval (HandoffWalkthroughTest)");
        NOT_PROVOKED.put("POST /api/v1/handoffs/{contractId}/attempts 409", "too-early, attempt-id-reused need a decided handoff "
                + "(HandoffWalkthroughTest)");
        NOT_PROVOKED.put("POST /api/v1/incidents/{incidentId}/acknowledge 409", "needs an acknowledged incident (HandoffWalkthroughTest)");
        NOT_PROVOKED.put("POST /api/v1/incidents/{incidentId}/resolve 409", "needs a resolved incident (HandoffWalkthroughTest)");
        NOT_PROVOKED.put("GET /api/v1/tuning 409", "tuning-unavailable depends on the metrics on file");
        NOT_PROVOKED.put("POST /api/v1/rulesets 409", "lifecycle conflicts need candidates in given states (RulesetLifecycleApiTest)");
        NOT_PROVOKED.put("POST /api/v1/rulesets/{version}/promote 409", "needs a compiled candidate (TwoPersonPromotionTest)");
        NOT_PROVOKED.put("POST /api/v1/rulesets/rollback 409", "nothing-to-roll-back-to depends on what other tests in this context promoted");
        NOT_PROVOKED.put("POST /api/v1/rulesets/{version}/shadow 409", "needs a failed candidate (RulesetLifecycleApiTest)");
        NOT_PROVOKED.put("POST /api/v1/rulesets/{version}/canary 409", "needs a failed candidate (RulesetLifecycleApiTest)");
        NOT_PROVOKED.put("POST /api/v1/rulesets/{version}/try 409", "not-compiled needs a candidate still compiling (RulesetTryApiTest)");
        NOT_PROVOKED.put("POST /api/v1/notifications/{deliveryId}/retry 409", "needs a dead delivery (WebhookDeliveryTest)");
        NOT_PROVOKED.put("GET /api/v1/preflight 403", "every one of the five roles may call it (no development key is refused)");
        NOT_PROVOKED.put("GET /api/v1/follow-ups 403", "every one of the five roles may call it (no development key is refused)");
        NOT_PROVOKED.put("POST /api/v1/approvals/{approvalId} 422", "invalid-verdict is checked after the approval is found "
                + "(an unknown id is 404 first); field-too-long is sent here");
    }

    /** The role that may not call an operation (security/SecurityConfiguration); null where every role may. */
    private static String refusedRole(String method, String path) {
        if (path.equals("/api/v1/preflight") && method.equals("GET") || path.equals("/api/v1/follow-ups")) {
            return null;
        }
        if (path.startsWith("/api/v1/approvals") || path.startsWith("/api/v1/incidents")
                || path.startsWith("/api/v1/handoffs") && method.equals("GET")) {
            return "analyst";
        }
        return "approver";
    }

    /** A body the operation accepts in shape, so that only the path value (or the role) is wrong. */
    private static String goodBody(String operationId) {
        return switch (operationId) {
            case "decideContract", "preflightContract", "tryContract" -> SAMPLE;
            case "decideApproval" -> "{\"decision\":\"approve\"}";
            case "reportAttempt" -> "{\"result\":\"delivered\",\"at\":\"2026-11-20T10:00:00Z\"}";
            case "acknowledgeIncident" -> "{\"note\":\"seen\"}";
            case "resolveIncident" -> "{\"resolution\":\"done\"}";
            case "reportOutcome" -> "{\"contractId\":\"NO-SUCH-HANDOFF\",\"kind\":\"resolved\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}";
            case "changeRolloutRule" -> "{\"mode\":\"enforce\",\"reason\":\"problems test\"}";
            case "promoteRuleset" -> "{\"override\":true,\"reason\":\"problems test\"}";
            case "shadowRuleset" -> "{\"enabled\":false}";
            case "canaryRuleset" -> "{\"percent\":0,\"reason\":\"problems test\"}";
            case "rollbackRuleset" -> "{\"reason\":\"problems test\"}";
            case "createApiKey" -> "{\"name\":\"problems-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"roles\":[\"auditor\"]}";
            default -> "{}";
        };
    }

    /** A body the operation must refuse with 422 (or, with an unknown path value, 404 first). */
    private static String badBody(String operationId) {
        return switch (operationId) {
            case "decideContract" -> "{\"contractId\":\"HC-BAD\"}";
            case "tryContract" -> "{\"contractId\":\"HC-BAD\"}";
            case "decideApproval" -> "{\"decision\":\"approve\",\"comment\":\"" + "c".repeat(2001) + "\"}";
            case "reportAttempt" -> "{\"result\":\"teleported\",\"at\":\"2026-11-20T10:00:00Z\"}";
            case "acknowledgeIncident", "resolveIncident" -> "{}";
            case "reportOutcome" -> "{\"contractId\":\"NO-SUCH-HANDOFF\",\"kind\":\"teleported\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}";
            case "changeRolloutRule" -> "{\"mode\":\"enforce\",\"reason\":\"" + LONG + "\"}";
            case "promoteRuleset", "canaryRuleset", "shadowRuleset", "rollbackRuleset" -> "{\"reason\":\"" + LONG + "\"}";
            case "createApiKey" -> "{\"name\":\"\",\"roles\":[\"emperor\"]}";
            default -> null;
        };
    }

    @LocalServerPort
    int port;

    private JsonNode docs;
    private final Set<String> provoked = new TreeSet<>();

    @BeforeEach
    void readDocument() throws Exception {
        docs = ContractFixtures.JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri("/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void everyOperationsDocumentedErrorCasesAnswerAsDocumented() throws Exception {
        String activeVersion = ContractFixtures.JSON.readTree(send("admin", "GET", "/api/v1/rulesets/active", null, null).body())
                .path("version").asString();
        int operations = 0;
        for (var path : docs.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                String template = path.getKey();
                String key = method + " " + template;
                JsonNode operation = op.getValue();
                ApiOperations.Documented row = ApiOperations.ALL.get(key);
                assertThat(row).as("a row in ApiOperations for %s", key).isNotNull();
                assertThat(operation.get("operationId").asString()).as(key).isEqualTo(row.operationId());
                operations++;
                String id = row.operationId();
                boolean hasBody = operation.has("requestBody");
                boolean jsonBody = operation.at("/requestBody/content").has("application/json");
                String unknown = template.replaceAll("\\{[^}]+}", "no-such-id-" + id);
                String good = hasBody ? goodBody(id) : null;
                boolean open = operation.path("security").isEmpty();

                if (!open) {
                    expect(key, operation, send(null, method, unknown, good, null), 401);
                    String refused = refusedRole(method, template);
                    if (refused != null) {
                        expect(key, operation, send(refused, method, unknown, good, null), 403);
                    }
                }
                if (template.contains("{")) {
                    expect(key, operation, send("admin", method, template.replaceAll("\\{[^}]+}", "a;b"), good, null), 400);
                    if (operation.at("/responses").has("404")) {
                        expect(key, operation, send("admin", method, unknown, good, null), 404);
                    }
                }
                for (JsonNode parameter : operation.path("parameters")) {
                    String bad = badQueryValue(parameter.path("schema"));
                    if ("query".equals(parameter.path("in").asString()) && bad != null) {
                        String target = template.replaceAll("\\{[^}]+}", "no-such-id");
                        expect(key + " ?" + parameter.get("name").asString(), operation,
                                send("admin", method, target + "?" + parameter.get("name").asString() + "=" + bad, good, null), 400);
                    }
                }
                // what Tomcat refuses before any operation is chosen: documented on every operation as 400 bad-request
                String[] unreadable = raw(method, (template.replaceAll("\\{[^}]+}", "x") + "\u0001").getBytes(StandardCharsets.US_ASCII), good);
                expectRaw(key, operation, unreadable, 400);
                switch (id) {
                    case "reportOutcome" -> expect(key, operation, send("admin", method, template, good, null), 404);
                    case "createApiKey" -> {
                        String twice = goodBody(id);
                        send("admin", method, template, twice, null);
                        expect(key, operation, send("admin", method, template, twice, null), 409);
                    }
                    case "revokeApiKey" -> {
                        String keyId = ContractFixtures.JSON.readTree(send("admin", "POST", "/api/v1/admin/keys",
                                goodBody("createApiKey"), null).body()).get("id").asString();
                        send("admin", method, "/api/v1/admin/keys/" + keyId, null, null);
                        expect(key, operation, send("admin", method, "/api/v1/admin/keys/" + keyId, null, null), 409);
                    }
                    case "submitRuleset" -> expect(key, operation, send("admin", method, template + "?reason=" + "r".repeat(2100), "{}", null), 422);
                    default -> {
                    }
                }
                if (jsonBody) {
                    String target = template.replace("{version}", activeVersion).replaceAll("\\{[^}]+}", "no-such-id-" + id);
                    expect(key + " malformed", operation, send("admin", method, target, "{\"contractId\": ", null), 400);
                    expect(key + " text/plain", operation, send("admin", method, target, good, "text/plain"), 415);
                    expect(key + " over the cap", operation,
                            send("admin", method, target, "{\"reason\":\"" + "x".repeat(300 * 1024) + "\"}", null), 413);
                    String bad = badBody(id);
                    if (operation.at("/responses").has("422") && bad != null) {
                        HttpResponse<String> refused = send("admin", method, target, bad, null);
                        assertThat(refused.statusCode()).as(key + " bad body: " + refused.body())
                                .isIn(template.contains("{") && !template.contains("{version}") ? List.of(404, 422) : List.of(422));
                        expect(key + " bad body", operation, refused, refused.statusCode());
                    }
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(ApiOperations.ALL.size());
        // every documented error of every operation was sent, or is listed (with why) as not provoked here
        List<String> silent = new ArrayList<>();
        for (var path : docs.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String key = op.getKey().toUpperCase() + " " + path.getKey();
                for (var response : op.getValue().get("responses").properties()) {
                    String status = response.getKey();
                    if (Integer.parseInt(status) >= 400 && !provoked.contains(key + " " + status)
                            && !NOT_PROVOKED.containsKey(key + " " + status) && !NOT_PROVOKED.containsKey("* " + status)) {
                        silent.add(key + " " + status);
                    }
                }
            }
        }
        assertThat(silent).as("documented errors neither sent nor listed in NOT_PROVOKED").isEmpty();
    }

    /** The decision, preflight and try bodies carry the shipped samples; the decision example has a real decision's fields. */
    @Test
    void examplesAreTheShippedSamplesAndARealDecision() throws Exception {
        JsonNode sample = ContractFixtures.JSON.readTree(SAMPLE);
        for (String pointer : List.of("/paths/~1api~1v1~1decisions/post", "/paths/~1api~1v1~1preflight/post",
                "/paths/~1api~1v1~1rulesets~1{version}~1try/post")) {
            JsonNode examples = docs.at(pointer + "/requestBody/content/application~1json/examples");
            assertThat(examples.at("/enterprise-sev1/value")).as(pointer).isEqualTo(sample);
            assertThat(examples.at("/product-spec/value/contractId").isString()).as(pointer).isTrue();
        }
        var contract = ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json", "HC-EXAMPLE-" + UUID.randomUUID());
        HttpResponse<String> decided = send("decider", "POST", "/api/v1/decisions", contract.toString(), null);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        JsonNode decision = ContractFixtures.JSON.readTree(decided.body());
        for (String pointer : List.of("/paths/~1api~1v1~1decisions/post", "/paths/~1api~1v1~1rulesets~1{version}~1try/post")) {
            JsonNode example = docs.at(pointer + "/responses/200/content/application~1json/examples/enterprise-sev1/value");
            assertThat(example.propertyNames()).as(pointer).containsExactlyInAnyOrderElementsOf(decision.propertyNames());
            assertThat(example.get("outcome")).isEqualTo(decision.get("outcome"));
            assertThat(example.get("route")).isEqualTo(decision.get("route"));
            assertThat(example.at("/trace/0/source").isObject()).isTrue();
        }
    }

    /**
     * Every operation that takes a JSON body refuses one whose text spells half a surrogate pair ({@code "\\ud800"}) with
     * 400 malformed-json naming its JSON pointer, before it is authenticated, parsed or recorded: such text has no UTF-8
     * form, so what a record kept of it would not be what was received.
     */
    @Test
    void everyJsonBodyRefusesHalfASurrogatePair() throws Exception {
        int bodies = 0;
        for (var path : docs.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                if (!op.getValue().at("/requestBody/content").has("application/json")) {
                    continue;
                }
                String key = op.getKey().toUpperCase() + " " + path.getKey();
                String good = goodBody(op.getValue().get("operationId").asString());
                java.util.regex.Matcher firstText = java.util.regex.Pattern.compile("\"([^\"]+)\"(\\s*:\\s*)\"").matcher(good);
                String target = path.getKey().replaceAll("\\{[^}]+}", "no-such-id");
                for (String half : List.of("\\ud800", "\\udfff", "\\ud83d\\u0041")) {
                    String bad = firstText.find(0)
                            ? good.substring(0, firstText.end()) + half + good.substring(firstText.end())
                            : "{\"note\":\"" + half + "\"}";
                    String pointer = firstText.find(0) ? "/" + firstText.group(1) : "/note";
                    // without a key, and as JSON under a type Spring's JSON reader also takes (no zip reader's pass)
                    for (String[] as : new String[][] {{"admin", null}, {null, null}, {"admin", "application/zip+json"},
                            {"admin", "application/json; charset=utf-8"}}) {
                        HttpResponse<String> answer = send(as[0], op.getKey().toUpperCase(), target, bad, as[1]);
                        assertThat(answer.statusCode()).as(key + " <- " + bad + " as " + as[1]).isEqualTo(400);
                        JsonNode problem = ContractFixtures.JSON.readTree(answer.body());
                        assertThat(problem.path("code").asString()).as(key).isEqualTo("malformed-json");
                        assertThat(problem.path("detail").asString()).as(key).contains(pointer).contains("surrogate");
                        bodies++;
                    }
                    // the same text in UTF-16, whose ASCII passes a UTF-8 check byte by byte and hides the escape from a scan
                    for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                        HttpResponse<String> answer = HTTP.send(TestKeys.as("admin", uri(target)).header("Content-Type", "application/json")
                                .method(op.getKey().toUpperCase(), HttpRequest.BodyPublishers.ofByteArray(bad.getBytes(utf16))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(answer.statusCode()).as(key + " <- " + utf16 + " " + bad).isEqualTo(400);
                        assertThat(ContractFixtures.JSON.readTree(answer.body()).path("code").asString()).as(key).isEqualTo("malformed-json");
                        bodies++;
                    }
                }
            }
        }
        assertThat(bodies).isGreaterThanOrEqualTo(12 * 3 * 6);
    }

    /**
     * Hostile path values on every path with a parameter, with a fixed seed: every answer is a documented problem of
     * that operation or one of the edge problems the document lists under components/responses, never Tomcat's HTML,
     * Spring's default error JSON, a 2xx or a 500.
     */
    @Test
    void fuzzedPathValuesGetOnlyDocumentedProblems() throws Exception {
        List<String> values = new ArrayList<>(List.of("%00", "%01", "%2F", "%25", "%5C", "%C0%AF", "a%00b", "a%01b", "a%2Fb",
                "a%25b", "a%5Cb", "a%C0%AFb", "%2e%2e", "..%2F..%2Fetc", "%2e", "a;b", ";jsessionid=1", "%3B", "%0D%0Aset-cookie:x",
                "%FF", "%E2%80%AE", "%F0%9F%92%A9", "%EF%BF%BF", "%ED%A0%80", "~", "%20", "+", "a b".replace(" ", "%20"),
                "x".repeat(256), "x".repeat(4096), "%41".repeat(2000), "%C3%A9t%C3%A9", "%E4%B8%AD%E6%96%87", "*", "%7Bx%7D",
                "0", "-1", "99999999999999999999999", "null", "undefined", "%3Cscript%3E", "%22%27"));
        Random random = new Random(20_26_11_20L);
        for (int i = 0; i < 40; i++) {
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(i % 4 == 0 ? 300 : 12);
            for (int j = 0; j < length; j++) {
                int choice = random.nextInt(4);
                if (choice == 0) {
                    value.append((char) ('a' + random.nextInt(26)));
                } else {
                    value.append('%').append(String.format("%02X", random.nextInt(256)));
                }
            }
            values.add(value.toString());
        }
        int sent = 0;
        for (var path : docs.get("paths").properties()) {
            if (!path.getKey().contains("{")) {
                continue;
            }
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                String key = method + " " + path.getKey();
                String body = op.getValue().has("requestBody") ? goodBody(op.getValue().get("operationId").asString()) : null;
                for (String value : values) {
                    String target = path.getKey().replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
                    HttpResponse<String> response = send("admin", method, target, body, null);
                    documentedOrEdge(key + " <- " + target, op.getValue(), response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse(""), response.body());
                    sent++;
                }
                // bytes no client library sends: raw controls, raw overlong UTF-8, a raw space and a bare '%', on a socket
                for (byte[] raw : List.of(new byte[] {1}, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {'a', 0x7F, 'b'},
                        new byte[] {(byte) 0xFF}, ascii("%"), ascii("%zz"), ascii("a%"), ascii("{x}"), ascii("a\\b"))) {
                    String[] answer = raw(method, path.getKey(), raw, body);
                    documentedOrEdge(key + " <- raw " + java.util.HexFormat.of().formatHex(raw), op.getValue(),
                            Integer.parseInt(answer[0]), answer[1], answer[2]);
                    sent++;
                }
            }
        }
        assertThat(sent).isGreaterThan(500);
    }

    /**
     * Query strings Tomcat's parameter parser throws on (a bare %, bytes that are not UTF-8, an encoded surrogate, an
     * encoded NUL, over 1,000 parameters), on every operation, under each of its query parameters' names and under a
     * name it does not have, and on console and actuator paths: each is 400 bad-query, a documented edge problem,
     * never a 500. A well-formed UTF-8 value passes the edge (whatever the operation then says of it).
     */
    @Test
    void malformedQueryStringsAreRefusedOnEveryPath() throws Exception {
        List<String> broken = List.of("%FF", "%ED%A0%80", "%", "a%", "%zz", "%4", "%00", "%C0%AF", "%F0%9F%98", "%E2%82");
        String tooMany = java.util.stream.IntStream.rangeClosed(1, 1001).mapToObj(i -> "p" + i + "=1")
                .collect(java.util.stream.Collectors.joining("&"));
        int sent = 0;
        for (var path : docs.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                String key = method + " " + path.getKey();
                String target = path.getKey().replaceAll("\\{[^}]+}", "no-such-id");
                String body = op.getValue().has("requestBody") ? goodBody(op.getValue().get("operationId").asString()) : null;
                List<String> names = new ArrayList<>(List.of("x"));
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if ("query".equals(parameter.path("in").asString())) {
                        names.add(parameter.path("name").asString());
                    }
                }
                List<String> queries = new ArrayList<>(List.of("%FF=1", "a%ZZb=1", "=x", "=", "a=1&=2", tooMany));
                for (String name : names) {
                    broken.forEach(value -> queries.add(name + "=" + value));
                }
                for (String query : queries) { // on a socket: client libraries refuse to send a malformed escape
                    String[] answer = raw(method, (target + "?" + query).getBytes(StandardCharsets.US_ASCII), body);
                    String what = key + " <- ?" + query.substring(0, Math.min(40, query.length()));
                    documentedOrEdge(what, op.getValue(), Integer.parseInt(answer[0]), answer[1], answer[2]);
                    assertThat(ContractFixtures.JSON.readTree(answer[2]).path("code").asString()).as(what).isEqualTo("bad-query");
                    sent++;
                }
                HttpResponse<String> fine = send("admin", method, target + "?x=caf%C3%A9%F0%9F%98%80", body, null);
                assertThat(fine.body()).as(key + " <- a well-formed UTF-8 value").doesNotContain("bad-query");
            }
        }
        for (String page : List.of("/console/decisions?team=%FF", "/console?x=%", "/actuator/health?x=%ED%A0%80", "/v3/api-docs?x=%00",
                "/console/login?=x", "/api/v1/rulesets?=foo")) {
            String[] answer = raw("GET", page.getBytes(StandardCharsets.US_ASCII), null);
            assertThat(answer[0]).as(page + " -> " + answer[2]).isEqualTo("400");
            assertThat(ContractFixtures.JSON.readTree(answer[2]).path("code").asString()).as(page).isEqualTo("bad-query");
        }
        assertThat(sent).isGreaterThan(500);
    }

    /** Answers that named "null" or only the path: a body without a Content-Type, a raw non-ASCII byte in a query. */
    @Test
    void unreadableRequestsAreSaidInTheirOwnTerms() throws Exception {
        HttpResponse<String> untyped = HTTP.send(TestKeys.as("admin", uri("/api/v1/admin/flags"))
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(ContractFixtures.JSON.readTree(untyped.body()).path("detail").asString())
                .contains("application/json", "named none").doesNotContain("'null'");
        String[] raw = raw("GET", new byte[] {'/', 'a', 'p', 'i', '/', 'v', '1', '/', 'd', 'e', 'c', 'i', 's', 'i', 'o', 'n', 's', '?',
                'x', '=', (byte) 0xC3, (byte) 0xA9}, null);
        assertThat(raw[0]).isEqualTo("400");
        assertThat(ContractFixtures.JSON.readTree(raw[2]).path("detail").asString()).contains("outside ASCII");
    }

    /**
     * A form body no one parses as such: a malformed one ('%', '%FF', '=x') sent with every method of every operation
     * and to paths no operation has is never a 500 (Spring's form filter answered PUT, PATCH and DELETE ones with 500s).
     */
    @Test
    void malformedFormBodiesAreNeverA500() throws Exception {
        int sent = 0;
        List<String[]> targets = new ArrayList<>();
        for (var path : docs.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                targets.add(new String[] {op.getKey().toUpperCase(), path.getKey().replaceAll("\\{[^}]+}", "no-such-id")});
            }
        }
        for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
            targets.add(new String[] {method, "/nothing"});
            targets.add(new String[] {method, "/console"});
            targets.add(new String[] {method, "/actuator/health"});
        }
        for (String[] target : targets) {
            for (String form : List.of("%", "a=%FF", "=x")) {
                HttpResponse<String> response = send("admin", target[0], target[1], form, "application/x-www-form-urlencoded");
                assertThat(response.statusCode()).as(target[0] + " " + target[1] + " <- form " + form + " -> " + response.body())
                        .isLessThan(500);
                sent++;
            }
        }
        assertThat(sent).isGreaterThan(100);
    }

    private void documentedOrEdge(String what, JsonNode operation, int status, String contentType, String body) {
        assertThat(status).as(what + " -> " + body).isBetween(400, 499);
        assertThat(contentType).as(what + " -> " + body).startsWith("application/problem+json");
        JsonNode problem = ContractFixtures.JSON.readTree(body);
        assertThat(problem.path("status").asInt()).as(what + " -> " + body).isEqualTo(status);
        Set<String> codes = new TreeSet<>(codes(operation.at("/responses/" + status + "/description").asString()));
        codes.addAll(edgeCodes(status));
        assertThat(codes).as(what + " -> " + body + ": status " + status + " is documented").isNotEmpty();
        assertThat(problem.path("code").asString()).as(what + " -> " + body).isIn(codes);
        assertThat(problem.path("title").isString()).as(what).isTrue();
        assertThat(problem.path("type").asString()).as(what).startsWith("https://");
    }

    /** The codes of the edge problems documented once for every path (components/responses, x-status). */
    private Set<String> edgeCodes(int status) {
        Set<String> codes = new TreeSet<>();
        docs.at("/components/responses").properties().forEach(response -> {
            if (response.getValue().path("x-status").asInt() == status) {
                codes.addAll(codes(response.getValue().get("description").asString()));
            }
        });
        return codes;
    }

    private void expect(String what, JsonNode operation, HttpResponse<String> response, int status) {
        String key = what.split(" ")[0] + " " + what.split(" ")[1];
        String described = what + " -> " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(described).isEqualTo(status);
        assertThat(operation.at("/responses").has(String.valueOf(status))).as("%s: status %s documented", what, status).isTrue();
        assertThat(response.headers().firstValue("Content-Type")).as(described)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(operation.at("/responses/" + status + "/content/application~1problem+json/schema/$ref").asString())
                .as(described).isEqualTo("#/components/schemas/Problem");
        JsonNode problem = ContractFixtures.JSON.readTree(response.body());
        for (JsonNode required : docs.at("/components/schemas/Problem/required")) {
            assertThat(problem.has(required.asString())).as("%s: required %s", described, required.asString()).isTrue();
        }
        assertThat(problem.get("status").asInt()).as(described).isEqualTo(status);
        assertThat(problem.get("code").asString()).as(described)
                .isIn(codes(operation.at("/responses/" + status + "/description").asString()));
        for (JsonNode error : problem.path("errors")) {
            assertThat(error.has("code") && error.has("message")).as(described).isTrue();
        }
        provoked.add(key + " " + status);
    }

    /**
     * The problem codes a response description lists: "code-a, code-b (a note): what it means; code-c" -> code-a,
     * code-b, code-c (the form ApiOperations and OpenApiConfiguration write them in).
     */
    static List<String> codes(String description) {
        List<String> codes = new ArrayList<>();
        for (String part : description.replaceAll("\\([^)]*\\)", "").split(";")) {
            for (String item : part.split(":")[0].split(",")) {
                String code = item.trim();
                if (CODE.matcher(code).matches()) {
                    codes.add(code);
                }
            }
        }
        return codes;
    }

    private static String badQueryValue(JsonNode schema) {
        if (schema.has("enum")) {
            return "no-such-value";
        }
        return switch (schema.path("type").asString()) {
            case "integer", "number" -> "twelve";
            case "boolean" -> "maybe";
            case "string" -> schema.path("format").asString().equals("date-time") ? "yesterday" : null;
            default -> null;
        };
    }

    private HttpResponse<String> send(String role, String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = role == null ? HttpRequest.newBuilder(uri(path)) : TestKeys.as(role, uri(path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType == null ? "application/json" : contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void expectRaw(String what, JsonNode operation, String[] answer, int status) {
        assertThat(Integer.parseInt(answer[0])).as(what + " -> " + answer[2]).isEqualTo(status);
        assertThat(answer[1]).as(what).startsWith("application/problem+json");
        JsonNode problem = ContractFixtures.JSON.readTree(answer[2]);
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.get("code").asString()).as(what + " -> " + answer[2])
                .isIn(codes(operation.at("/responses/" + status + "/description").asString()));
        provoked.add(what + " " + status);
    }

    /** One request written byte for byte on a socket, the path value given as bytes: {status, content type, body}. */
    private String[] raw(String method, String template, byte[] value, String body) throws Exception {
        int at = template.indexOf('{');
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        target.writeBytes(template.substring(0, at).getBytes(StandardCharsets.US_ASCII));
        target.writeBytes(value);
        target.writeBytes(template.substring(template.indexOf('}', at) + 1).replaceAll("\\{[^}]+}", "x").getBytes(StandardCharsets.US_ASCII));
        return raw(method, target.toByteArray(), body);
    }

    /** One request written byte for byte on a socket: {status, content type, body}. */
    private String[] raw(String method, byte[] target, String body) throws Exception {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(target);
        request.writeBytes((" HTTP/1.1\r\nHost: localhost\r\n"
                + TestKeys.HEADER + ": " + TestKeys.ADMIN + "\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + payload.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(payload);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            String head = headersEnd < 0 ? answer : answer.substring(0, headersEnd);
            String status = head.isEmpty() ? "0" : head.split(" ")[1];
            String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            String content = headersEnd < 0 ? "" : answer.substring(headersEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                content = unchunk(content);
            }
            return new String[] {status, type, content};
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
