package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.handoff.CandidateFolders;
import io.handoff.ShippedRuleset;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * The cases run after the service is ready, in the background: when one fails, readiness goes DOWN naming it, and no
 * decision is served from that version (503 preflight-failed, check ruleset), whether it came before or after the
 * cases ended. The folders here are the shipped ones with one case expecting a posture the rules never give it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/failing-cases-${random.uuid};LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FailingCasesAtStartupTest {
    private static final String CASE = "launch of committed work due within two weeks needs the release manager";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rulesetWithAFailingCase(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "failing-cases", UUID.randomUUID().toString()));
        CandidateFolders.copy(ShippedRuleset.RULES, folder.resolve("rules"));
        CandidateFolders.copy(ShippedRuleset.TABLES, folder.resolve("decision-tables"));
        Path file = folder.resolve("rules/cases/pm-070-launch-committed-soon.yaml");
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        String wrong = yaml.replace("  posture: green\n", "  posture: amber\n");
        assertThat(wrong).as("the case still expects green").isNotEqualTo(yaml);
        Files.writeString(file, wrong, StandardCharsets.UTF_8);
        registry.add("handoff.ruleset.rules-folder", () -> folder.resolve("rules").toString());
        registry.add("handoff.ruleset.tables-folder", () -> folder.resolve("decision-tables").toString());
    }

    @Test
    void aFailingCaseTakesReadinessDownAndEveryDecisionOnTheVersionIsRefused() throws Exception {
        TestApi api = new TestApi(port);
        // sent at once: it may arrive while the cases still run, then it waits for them
        JsonNode refused = TestApi.json(api.send("decider", "POST", "/api/v1/decisions",
                Files.readString(Path.of("src/test/resources/decision/cs-tier2-social.json"))), 503);
        assertThat(refused.get("code").asString()).isEqualTo("preflight-failed");
        assertThat(refused.get("check").asString()).isEqualTo("ruleset");
        assertThat(refused.toString()).contains(CASE);

        HttpResponse<String> readiness = api.send("admin", "GET", "/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode ruleset = TestApi.json(readiness, 503).at("/components/ruleset");
        assertThat(ruleset.get("status").asString()).isEqualTo("DOWN");
        assertThat(ruleset.at("/details/cases").asString()).isEqualTo("failed");
        assertThat(ruleset.at("/details/failing").toString()).contains(CASE);

        TestApi.json(api.send("decider", "POST", "/api/v1/decisions",
                Files.readString(Path.of("src/test/resources/decision/cs-tier2-social.json"))), 503);
    }
}
