package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.handoff.CandidateFolders;
import io.handoff.HugeWorkbook;
import io.handoff.TestApi;
import io.handoff.TestKeys;
import io.handoff.ruleset.CheckProperties;
import io.handoff.ruleset.MisbehavingCheck;
import tools.jackson.databind.JsonNode;

/**
 * Hostile candidates end rejected within the configured limits, each in its own child JVM, while the service keeps
 * deciding: one that never finishes, one that throws an Error, one that exhausts its heap, and one whose 4 MB
 * workbook holds a 90 MB sheet. The queue holds one waiting candidate; one more is refused with 429, not a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/isolation-${random.uuid};WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d",
        "handoff.ruleset.check.timeout=12s", "handoff.ruleset.check.heap=256MB", "handoff.ruleset.check.queue=1",
        "handoff.ruleset.check.main-class=io.handoff.ruleset.MisbehavingCheck",
        "handoff.ruleset.check.work-dir=./target/candidate-work-${random.uuid}"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CandidateIsolationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(12);
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    CheckProperties check;

    @TempDir
    Path candidates;

    @Test
    void hostileCandidatesAreRejectedWithinTheLimitsWhileDecisionsAreAnswered() throws Exception {
        Decider decider = new Decider(new TestApi(port));
        decider.start();

        // every candidate is built before the first is sent: building the 90 MB sheet takes seconds on a busy machine,
        // and the queue must still be full (one checking, one waiting) when the third arrives
        Path sleepingFolder = candidate("sleep", null);
        Path throwingFolder = candidate("error", null);
        Path huge = candidate(null, HugeWorkbook.withSheetOf(90L * 1024 * 1024));
        byte[] hugeZip = CandidateFolders.zip(huge);
        long start = System.nanoTime();
        String sleeping = submit(sleepingFolder).get("version").asString();
        String throwing = submit(throwingFolder).get("version").asString();
        HttpResponse<String> full = send(hugeZip);
        assertThat(full.statusCode()).as(full.body()).isEqualTo(429);
        assertThat(full.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(full.headers().firstValue("Retry-After")).hasValue(String.valueOf(TIMEOUT.toSeconds()));
        assertThat(TestApi.json(full, 429).get("code").asString()).isEqualTo("candidate-queue-full");

        JsonNode slept = waitFor(sleeping);
        assertThat(System.nanoTime() - start).isLessThan(TIMEOUT.plusSeconds(10).toNanos());
        assertThat(slept.get("status").asString()).isEqualTo("rejected");
        assertThat(slept.get("problems").get(0).asString()).isEqualTo("candidate check stopped: timeout after 12 s "
                + "(while running case " + MisbehavingCheck.ON_CASE + ")");

        JsonNode threw = waitFor(throwing);
        assertThat(threw.get("status").asString()).isEqualTo("rejected");
        assertThat(threw.get("problems").get(0).asString()).startsWith("candidate check crashed with exit code 1: ")
                .contains("java.lang.Error: a rule threw an Error").endsWith("(while running case " + MisbehavingCheck.ON_CASE + ")")
                .doesNotContain("root:x:0:0");

        JsonNode oversized = waitFor(submit(huge).get("version").asString());
        assertThat(oversized.get("status").asString()).isEqualTo("rejected");
        assertThat(oversized.get("problems").toString()).contains("decision-tables/huge.xlsx: the workbook is not read: "
                + "part xl/worksheets/sheet1.xml expands to more than 20 MB");

        JsonNode exhausted = waitFor(submit(candidate("oom", null)).get("version").asString());
        assertThat(exhausted.get("status").asString()).isEqualTo("rejected");
        assertThat(exhausted.get("problems").get(0).asString()).startsWith("candidate check stopped: out of memory (heap limit 256 MB)");

        List<Integer> statuses = decider.stop();
        assertThat(statuses).hasSizeGreaterThan(20).containsOnly(200);
        try (Stream<Path> left = Files.list(check.workDir())) {
            assertThat(left).as("uploaded and copied candidates are deleted").isEmpty();
        }
    }

    /**
     * The shipped DRL rules without their tables (small and quick to compile, as the check only has to reach its
     * limit), with a marker that tells {@link MisbehavingCheck} how to misbehave, or with one workbook.
     */
    private Path candidate(String misbehaviour, byte[] workbook) throws IOException {
        Path folder = Files.createTempDirectory(candidates, "candidate-");
        CandidateFolders.copy(Path.of("rules"), folder.resolve("rules"));
        Files.createDirectories(folder.resolve("decision-tables"));
        if (misbehaviour != null) {
            Files.writeString(folder.resolve("rules/verdict/outcome.drl"), "\n// test-child: " + misbehaviour + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        if (workbook != null) {
            Files.write(folder.resolve("decision-tables/huge.xlsx"), workbook);
        }
        return folder;
    }

    private JsonNode submit(Path folder) throws Exception {
        return TestApi.json(send(folder), 202);
    }

    private HttpResponse<String> send(Path folder) throws Exception {
        return send(CandidateFolders.zip(folder));
    }

    private HttpResponse<String> send(byte[] zip) throws Exception {
        return http.send(TestKeys.as("analyst", uri("/api/v1/rulesets?reason=isolation")).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode waitFor(String version) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.plusSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode report = TestApi.json(http.send(TestKeys.as("analyst", uri("/api/v1/rulesets/" + version)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()), 200);
            if (!report.get("status").asString().equals("compiling")) {
                return report;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("candidate " + version + " still compiling after " + TIMEOUT.plusSeconds(20));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Asks for a decision every 100 ms and keeps each answer's status. */
    private static final class Decider {
        private final TestApi api;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Decider(TestApi api) {
            this.api = api;
            this.thread = new Thread(this::decide, "decider");
        }

        void start() {
            thread.start();
        }

        private void decide() {
            String contract = new String(ContractFixtures.contract("cs-enterprise-sev1-to-engineering.json"));
            while (!stop.get()) {
                try {
                    statuses.add(api.send("decider", "POST", "/api/v1/decisions", contract).statusCode());
                    Thread.sleep(100);
                } catch (Exception e) {
                    statuses.add(-1);
                }
            }
        }

        List<Integer> stop() throws InterruptedException {
            stop.set(true);
            thread.join();
            return List.copyOf(statuses);
        }
    }
}
