package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.CandidateFolders;
import io.handoff.LibreOffice;
import io.handoff.TableCells;
import io.handoff.TestKeys;
import tools.jackson.databind.JsonNode;

/**
 * Spreadsheet mistakes submitted as candidates over HTTP: the real child JVM's {@code candidate-check} rejects them
 * with file, sheet, row and column, and a second person cannot promote them. The first is saved by LibreOffice when
 * it is installed, as an analyst's spreadsheet program would. The whole catalogue runs in process in
 * {@code ruleset.SpreadsheetMistakesTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/mistakes-${random.uuid};WRITE_DELAY=0;LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpreadsheetMistakesPromotionTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @TempDir
    Path candidate;

    @Test
    void rejectedSpreadsheetMistakesCannotBePromoted() throws Exception {
        String before = activeVersion();
        CandidateFolders.copy(Path.of("rules"), candidate.resolve("rules"));
        CandidateFolders.copy(Path.of("decision-tables"), candidate.resolve("decision-tables"));
        Path thresholds = candidate.resolve("decision-tables/thresholds.xlsx");
        TableCells.set(thresholds, "Posture", 10, 2, "enterprize");
        if (LibreOffice.available()) {
            Files.copy(LibreOffice.save(thresholds), thresholds,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        assertRejectedAndNotPromotable("decision-tables/thresholds.xlsx, sheet Posture, row 10, column C (Customer tier): "
                + "customerTier is one of free, pro, business, enterprise, found 'enterprize'");

        Files.copy(Path.of("decision-tables/thresholds.xlsx"), thresholds, StandardCopyOption.REPLACE_EXISTING);
        TableCells.set(candidate.resolve("decision-tables/gates.xlsx"), "Gates", 13, 4, "budget, ");
        assertRejectedAndNotPromotable("decision-tables/gates.xlsx, sheet Gates, row 13, column E (Gate id, approver role): "
                + "every gate row needs a gate id and an approver role");

        assertThat(activeVersion()).isEqualTo(before);
    }

    private void assertRejectedAndNotPromotable(String problem) throws Exception {
        JsonNode report = submitAndWait();
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("rejected");
        assertThat(report.get("problems").valueStream().map(JsonNode::asString))
                .anySatisfy(p -> assertThat(p).startsWith(problem));
        HttpResponse<String> promoted = http.send(TestKeys.as("admin", uri("/api/v1/rulesets/" + report.get("version").asString()
                        + "/promote")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"try anyway\", \"override\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(promoted.statusCode()).isEqualTo(409);
        assertThat(promoted.body()).contains("\"code\":\"candidate-not-passed\"");
    }

    private JsonNode submitAndWait() throws Exception {
        HttpResponse<String> submitted = http.send(TestKeys.as("analyst", uri("/api/v1/rulesets?reason=edit"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(
                        CandidateFolders.zip(candidate))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String version = ContractFixtures.JSON.readTree(submitted.body()).get("version").asString();
        for (int i = 0; i < 900; i++) { // a candidate is checked in a child JVM: allow for a busy machine
            JsonNode report = ContractFixtures.JSON.readTree(get("/api/v1/rulesets/" + version).body());
            if (!report.get("status").asString().equals("compiling")) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("candidate " + version + " still compiling after 90 s");
    }

    private String activeVersion() throws Exception {
        return ContractFixtures.JSON.readTree(get("/api/v1/rulesets/active").body()).get("version").asString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(TestKeys.request(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
