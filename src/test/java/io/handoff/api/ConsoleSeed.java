package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.handoff.CandidateFolders;
import io.handoff.TestApi;
import io.handoff.TestKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the console's browser tests look at, made once per service through its API as the roles would: handoffs of both
 * domains with pending gates, an escalation with its incident, a delivery attempt and outcomes, a rejected contract, a
 * rollout flag change, a key created, and a candidate ruleset that passed: the shipped one with a comment added to a rule
 * file and one cell changed (RETRY-CS-030 retries "1, 5" instead of "3, 300"), so its diff and its shadow run show a change.
 */
final class ConsoleSeed {
    /** Pending gates (incident-command, account-review): approved in one test. */
    static final String APPROVE_ME = "WEB-CS-1";
    /** Pending gates: rejected in one test. */
    static final String REJECT_ME = "WEB-CS-3";
    /** Pending gates nobody decides: every Cancel is tried on them. */
    static final String LEAVE_ME = "WEB-CS-4";
    /** Escalated: an open incident. */
    static final String ESCALATED = "WEB-PM-1";
    /** Escalated, its incident acknowledged through the API (an incident step record). */
    static final String ACKNOWLEDGED = "WEB-PM-2";
    /** Accepted, with a failed attempt and an outcome. */
    static final String ACCEPTED = "WEB-CS-2";
    static final String REJECTED = "WEB-BAD-1";

    private static java.util.concurrent.CompletableFuture<String> candidate;

    private ConsoleSeed() {
    }

    /** Seeds everything the first time it is called on a service; the candidate compiles meanwhile (see {@link #candidate}). */
    static synchronized void seed(int port) throws Exception {
        TestApi api = new TestApi(port);
        if (api.send("auditor", "GET", "/api/v1/handoffs/" + ACCEPTED, null).statusCode() == 200) {
            return;
        }
        // the candidate's checks run in a child JVM for a minute on a busy machine: submitted first, awaited only where needed
        String submitted = submitCandidate(port);
        candidate = java.util.concurrent.CompletableFuture.supplyAsync(() -> awaitPassed(api, port, submitted));
        decide(api, "cs-030-enterprise-sev1-engineering.yaml", APPROVE_ME);
        decide(api, "cs-030-enterprise-sev1-engineering.yaml", REJECT_ME);
        decide(api, "cs-030-enterprise-sev1-engineering.yaml", LEAVE_ME);
        decide(api, "pm-130-bare-minimum.yaml", ESCALATED);
        decide(api, "cs-010-tier2-complete.yaml", ACCEPTED);
        decide(api, "pm-130-bare-minimum.yaml", ACKNOWLEDGED);
        decide(api, "cs-030-enterprise-sev1-engineering.yaml", "WEB-CS-5");
        String gate = json(api.send("approver", "GET", "/api/v1/approvals?role=incident-commander", null)).get("items").valueStream()
                .filter(a -> "WEB-CS-5".equals(a.get("contractId").asString())).findFirst().orElseThrow().get("approvalId").asString();
        ok(api.send("approver", "POST", "/api/v1/approvals/" + gate, "{\"decision\":\"approve\",\"comment\":\"approved by the seed\"}"), 200);
        String incident = json(api.send("approver", "GET", "/api/v1/incidents?contractId=" + ACKNOWLEDGED, null))
                .get("items").get(0).get("incidentId").asString();
        ok(api.send("approver", "POST", "/api/v1/incidents/" + incident + "/acknowledge", "{\"note\":\"seen by the seed\"}"), 200);
        ok(api.send("decider", "POST", "/api/v1/outcomes",
                "{\"contractId\":\"" + ESCALATED + "\",\"kind\":\"bounced-back\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}"), 201);
        ok(api.send("decider", "POST", "/api/v1/handoffs/" + ACCEPTED + "/attempts",
                "{\"attemptId\":\"web-1\",\"result\":\"timed-out\",\"at\":\"2026-11-21T09:00:00Z\",\"detail\":\"receiver queue down\"}"), 201);
        ok(api.send("decider", "POST", "/api/v1/outcomes", "{\"contractId\":\"" + ACCEPTED
                + "\",\"kind\":\"resolved\",\"occurredAt\":\"2026-11-21T11:00:00Z\",\"note\":\"fixed by tier 2\"}"), 201);
        ObjectNode bad = contract("cs-010-tier2-complete.yaml", REJECTED);
        bad.remove("asOf");
        ((ObjectNode) bad.get("case")).put("priority", "URGENT");
        ok(api.send("decider", "POST", "/api/v1/decisions", bad.toString()), 422);
        ok(api.send("admin", "PUT", "/api/v1/admin/flags",
                "{\"domain\":\"customer-support\",\"team\":\"*\",\"mode\":\"enforce\",\"reason\":\"console test flag change\"}"), 200);
        api.createKey("console-auditor", "auditor");
    }

    /** The version of the candidate the analyst submitted, once its checks passed. */
    static String candidate(int port) throws Exception {
        seed(port);
        return candidate.get(480, java.util.concurrent.TimeUnit.SECONDS);
    }

    static ObjectNode contract(String file, String contractId) throws Exception {
        ObjectNode contract = (ObjectNode) YAMLMapper.builder().build()
                .readTree(Files.readString(Path.of("rules/cases/" + file))).get("contract");
        contract.put("contractId", contractId);
        return contract;
    }

    private static void decide(TestApi api, String file, String contractId) throws Exception {
        ok(api.send("decider", "POST", "/api/v1/decisions", contract(file, contractId).toString()), 200);
    }

    /** The sheet, row and column (0-based) of the one cell the candidate changes, and its value before and after. */
    static final String RETRY_SHEET = "Retry";
    static final int RETRY_ROW = 12;
    static final int RETRY_COLUMN = 5;
    static final String RETRY_BEFORE = "3, 300";
    static final String RETRY_AFTER = "1, 5";

    /** The shipped rules with a comment added and RETRY-CS-030's cell changed, submitted by the analyst. */
    private static String submitCandidate(int port) throws Exception {
        Path folder = Files.createTempDirectory("console-candidate");
        CandidateFolders.copy(Path.of("rules"), folder.resolve("rules"));
        CandidateFolders.copy(Path.of("decision-tables"), folder.resolve("decision-tables"));
        Path drl;
        try (var files = Files.walk(folder.resolve("rules"))) {
            drl = files.filter(f -> f.toString().endsWith(".drl")).findFirst().orElseThrow();
        }
        Files.writeString(drl, Files.readString(drl) + "\n// console browser test: same rules, new version\n");
        io.handoff.TableCells.set(folder.resolve("decision-tables/routing.xlsx"), RETRY_SHEET, RETRY_ROW, RETRY_COLUMN, RETRY_AFTER);
        HttpResponse<String> submitted = HttpClient.newHttpClient().send(TestKeys.as("analyst",
                        URI.create("http://localhost:" + port + "/api/v1/rulesets?reason=console%20candidate")).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CandidateFolders.zip(folder))).build(), HttpResponse.BodyHandlers.ofString());
        return json(ok(submitted, 202)).get("version").asString();
    }

    /**
     * Waits for the candidate's check. A check stopped by its time limit (60 s, reached on a machine shared with other
     * builds) says nothing about the candidate: it is submitted again, at most twice (a rejected version may be).
     */
    private static String awaitPassed(TestApi api, int port, String submitted) {
        String version = submitted;
        try {
            for (int attempt = 0; ; attempt++) {
                JsonNode report = awaitChecked(api, version);
                boolean timedOut = report.get("problems").toString().contains("candidate check stopped: timeout");
                if (timedOut && attempt < 2) {
                    version = submitCandidate(port);
                    continue;
                }
                assertThat(report.get("status").asString()).as("the console test candidate passes its cases: " + report).isEqualTo("passed");
                return version;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitChecked(TestApi api, String version) throws Exception {
        for (int i = 0; i < 1500; i++) {
            JsonNode report = json(api.send("analyst", "GET", "/api/v1/rulesets/" + version, null));
            if (!"compiling".equals(report.get("status").asString())) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("candidate " + version + " still compiling after 150 s");
    }

    static HttpResponse<String> ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    static JsonNode json(HttpResponse<String> response) {
        return ContractFixtures.JSON.readTree(response.body());
    }
}
