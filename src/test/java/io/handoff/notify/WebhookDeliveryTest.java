package io.handoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.HandoffApplication;
import io.handoff.TestApi;
import io.handoff.ruleset.HistoryEvents;
import io.handoff.ruleset.RulesetHistory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks over real HTTP into a local receiver, across a service restart on the same H2 file: an escalation, its
 * incident and an automatic rollback each arrive once, signed, after the receiver was down for the first instance's
 * tries; a sev1 handoff's approval requests page an urgent-only webhook; a receiver that always fails ends in the
 * dead-letter list, from where an admin puts it back in line.
 */
class WebhookDeliveryTest {
    private static final String SECRET = "oversight-webhook-secret-0001";
    private static final String PAGER_SECRET = "pager-webhook-secret-000000002";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String url = "jdbc:h2:file:./target/test-db/notify-" + UUID.randomUUID()
            + ";WRITE_DELAY=0;LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE";

    @Test
    void eventsReachTheReceiverOnceSignedAfterItWasDownAcrossARestartAndAFailingOneIsDeadLettered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            List<String> firstIds;
            try (ConfigurableApplicationContext first = start(receiver)) {
                TestApi api = api(first);
                decide(api, "sev1-ping-pong-escalates.json");
                decide(api, "sev1-gated.json");
                decide(api, "pm-gated.json");
                HistoryEvents.record(first.getBean(RulesetHistory.class), "suspect-version-0001", "auto-rolled-back",
                        "over the last 50 decisions: critical share 68% (13% before promotion)",
                        "{\"to\": \"stable-version-0001\", \"decisionIds\": [\"d-1\", \"d-2\"]}");
                // the receiver is down: every delivery is tried, fails and waits for its next try
                await(() -> deliveries(api, null).valueStream().allMatch(d -> d.get("attempts").asInt() >= 1)
                        && deliveries(api, null).size() == 8, Duration.ofSeconds(30));
                JsonNode pending = deliveries(api, "pending");
                assertThat(pending.valueStream().map(d -> d.get("lastError").asString()))
                        .allMatch(e -> e.contains("ConnectException") || e.contains("HTTP"));
                firstIds = pending.valueStream().filter(d -> d.get("webhook").asString().equals("oversight"))
                        .map(d -> d.get("eventId").asString()).sorted().toList();
                assertThat(firstIds).hasSize(3);
            }
            receiver.start();
            try (ConfigurableApplicationContext second = start(receiver)) {
                TestApi api = api(second);
                await(() -> receiver.at("/hook").size() >= 3 && receiver.at("/pager").size() >= 4, Duration.ofSeconds(30));
                await(() -> deliveries(api, "dead").size() == 1, Duration.ofSeconds(30));
                Thread.sleep(1000); // time for a second, unwanted delivery to show up

                Map<String, Long> hookCounts = counts(receiver.at("/hook"));
                assertThat(hookCounts.keySet()).containsExactlyInAnyOrder("handoff-escalated", "incident-opened", "automatic-rollback");
                assertThat(hookCounts.values()).containsOnly(1L);
                assertThat(receiver.at("/hook").stream().map(WebhookReceiver.Received::eventId).sorted().toList())
                        .as("a redelivery after the restart carries the id the event was written with").isEqualTo(firstIds);
                for (WebhookReceiver.Received r : receiver.at("/hook")) {
                    assertThat(r.signature()).isEqualTo("sha256=" + hmac(SECRET, r.body()));
                    assertThat(Integer.parseInt(r.attempt())).as("tried while the receiver was down").isGreaterThan(1);
                    JsonNode body = JSON.readTree(r.body());
                    assertThat(body.get("eventId").asString()).isEqualTo(r.eventId());
                    assertThat(body.get("kind").asString()).isEqualTo(r.kind());
                }
                JsonNode escalation = body(receiver, "/hook", "handoff-escalated");
                assertThat(escalation.get("contractId").asString()).isEqualTo("HC-NOTIFY-ESC-1");
                assertThat(escalation.get("severity").asString()).isEqualTo("critical");
                assertThat(escalation.get("teams").toString()).contains("support-tier2", "eng-platform");
                assertThat(body(receiver, "/hook", "incident-opened").at("/data/reason").asString()).isEqualTo("escalated");
                assertThat(body(receiver, "/hook", "automatic-rollback").at("/data/decisionIds").size()).isEqualTo(2);

                // the pager hears of the sev1's gates while they wait (urgent only: nothing of the product handoff), and of
                // each sev1's page (critical urgency, rules/urgency/paging.drl) with its on-call target
                List<WebhookReceiver.Received> all = receiver.at("/pager");
                assertThat(counts(all)).containsOnly(Map.entry("approval-requested", 2L), Map.entry("handoff-paged", 2L));
                List<JsonNode> paged = all.stream().filter(p -> p.kind().equals("handoff-paged")).map(p -> JSON.readTree(p.body())).toList();
                assertThat(paged).extracting(b -> b.get("contractId").asString())
                        .containsExactlyInAnyOrder("HC-NOTIFY-GATE-1", "HC-NOTIFY-ESC-1");
                assertThat(paged).allSatisfy(b -> {
                    assertThat(b.at("/data/mode").asString()).isEqualTo("parallel");
                    assertThat(b.at("/data/target").asString()).isEqualTo("eng-incident-response-on-call");
                    assertThat(b.get("severity").asString()).isEqualTo("critical");
                    assertThat(b.get("urgent").asBoolean()).isTrue();
                });
                List<WebhookReceiver.Received> pages = all.stream().filter(p -> p.kind().equals("approval-requested")).toList();
                for (WebhookReceiver.Received p : pages) {
                    assertThat(p.signature()).isEqualTo("sha256=" + hmac(PAGER_SECRET, p.body()));
                    assertThat(JSON.readTree(p.body()).get("contractId").asString()).isEqualTo("HC-NOTIFY-GATE-1");
                    assertThat(JSON.readTree(p.body()).get("urgent").asBoolean()).isTrue();
                }

                JsonNode dead = deliveries(api, "dead").get(0);
                assertThat(dead.get("webhook").asString()).isEqualTo("broken");
                assertThat(dead.get("attempts").asInt()).isEqualTo(6);
                assertThat(dead.get("lastStatus").asInt()).isEqualTo(500);
                String id = dead.get("deliveryId").asString();
                assertThat(api.send("auditor", "POST", "/api/v1/notifications/" + id + "/retry", null).statusCode()).isEqualTo(403);
                JsonNode retried = TestApi.json(api.send("admin", "POST", "/api/v1/notifications/" + id + "/retry", null), 202);
                assertThat(retried.get("status").asString()).isEqualTo("pending");
                assertThat(retried.get("eventId").asString()).isEqualTo(dead.get("eventId").asString());
                assertThat(api.send("admin", "POST", "/api/v1/notifications/" + id + "/retry", null).statusCode()).isEqualTo(409);
                await(() -> deliveries(api, "dead").size() == 1, Duration.ofSeconds(30));

                JsonNode webhooks = TestApi.json(api.send("auditor", "GET", "/api/v1/notifications/webhooks", null), 200);
                assertThat(webhooks.toString()).contains("oversight", "pager", "broken").doesNotContain(SECRET);
            }
        }
    }

    private ConfigurableApplicationContext start(WebhookReceiver receiver) {
        return new SpringApplicationBuilder(HandoffApplication.class).run("--server.port=0", "--spring.datasource.url=" + url,
                "--handoff.audit.retention-interval=1000d", "--logging.level.root=WARN",
                "--handoff.notify.webhooks[0].name=oversight", "--handoff.notify.webhooks[0].url=" + receiver.url("/hook"),
                "--handoff.notify.webhooks[0].secret=" + SECRET,
                "--handoff.notify.webhooks[0].kinds=handoff-escalated,incident-opened,automatic-rollback",
                "--handoff.notify.webhooks[1].name=pager", "--handoff.notify.webhooks[1].url=" + receiver.url("/pager"),
                "--handoff.notify.webhooks[1].secret=" + PAGER_SECRET, "--handoff.notify.webhooks[1].kinds=approval-requested,handoff-paged",
                "--handoff.notify.webhooks[1].urgent-only=true",
                "--handoff.notify.webhooks[2].name=broken", "--handoff.notify.webhooks[2].url=" + receiver.url("/broken"),
                "--handoff.notify.webhooks[2].secret=" + SECRET, "--handoff.notify.webhooks[2].kinds=automatic-rollback",
                "--handoff.notify.max-attempts=6", "--handoff.notify.first-backoff=1s", "--handoff.notify.max-backoff=2s",
                "--handoff.notify.poll-interval=100ms", "--handoff.notify.timeout=2s");
    }

    private static TestApi api(ConfigurableApplicationContext context) {
        return new TestApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static void decide(TestApi api, String fixture) throws Exception {
        String contract = Files.readString(Path.of("src/test/resources/notify", fixture));
        TestApi.json(api.send("decider", "POST", "/api/v1/decisions", contract), 200);
    }

    private static JsonNode deliveries(TestApi api, String status) {
        try {
            return TestApi.json(api.send("auditor", "GET", "/api/v1/notifications" + (status == null ? "" : "?status=" + status), null), 200)
                    .get("items");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(WebhookReceiver receiver, String path, String kind) {
        return JSON.readTree(receiver.at(path).stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow().body());
    }

    private static Map<String, Long> counts(List<WebhookReceiver.Received> received) {
        return received.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::kind, Collectors.counting()));
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void await(Callable<Boolean> condition, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition not met within " + within).isLessThan(end);
            Thread.sleep(100);
        }
    }
}
