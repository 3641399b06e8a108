package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * POST /api/v1/decisions over HTTP with durable recording against the same endpoint with recording switched
 * off, on H2 (file) and on PostgreSQL, in one run; each configuration is a fresh service JVM. Prints req/s,
 * latency percentiles and the recording ratio; writes target/bench/recording.json.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.RecordingBenchmark}
 * (PostgreSQL from HANDOFF_TEST_POSTGRES_URL, default jdbc:postgresql://127.0.0.1:5432/test?user=root).
 */
public final class RecordingBenchmark {
    public static void main(String[] args) throws Exception {
        int concurrency = Integer.parseInt(System.getProperty("bench.concurrency", "16"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "10")));
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "15")));
        Path work = Files.createDirectories(Path.of("target", "bench"));
        String postgres = System.getenv().getOrDefault("HANDOFF_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=root");
        String pgSchema = "bench_" + System.currentTimeMillis();
        List<byte[]> bodies = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();

        List<LoadRun.Result> results = new ArrayList<>();
        for (String db : List.of("h2", "postgresql")) {
            for (boolean recording : List.of(true, false)) {
                String url = db.equals("h2")
                        ? "jdbc:h2:file:" + work.toAbsolutePath() + "/h2-" + System.nanoTime() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
                        : postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + pgSchema;
                try (ServiceProcess service = ServiceProcess.start(work.resolve("service-" + db + "-" + recording + ".log"),
                        "spring.datasource.url=" + url, "spring.flyway.schemas=" + (db.equals("h2") ? "PUBLIC" : pgSchema),
                        "handoff.audit.recording=" + recording)) {
                    results.add(LoadRun.run(db + (recording ? " recording" : " not recording"),
                            service.uri("/api/v1/decisions"), bodies, concurrency, warmup, measure));
                    System.out.println(results.get(results.size() - 1).row());
                }
            }
        }
        double h2Ratio = results.get(0).perSecond() / results.get(1).perSecond();
        double pgRatio = results.get(2).perSecond() / results.get(3).perSecond();
        StringBuilder table = new StringBuilder("\nRECORDING BENCHMARK (POST /api/v1/decisions, " + measure.toSeconds()
                + " s per row after " + warmup.toSeconds() + " s warm-up)\n" + LoadRun.Result.header() + "\n");
        results.forEach(r -> table.append(r.row()).append('\n'));
        table.append(String.format(Locale.ROOT, "  ratio recording / not recording: H2 %.2f, PostgreSQL %.2f (target >= 0.70)%n",
                h2Ratio, pgRatio));
        System.out.println(table);
        StringBuilder json = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < results.size(); i++) {
            LoadRun.Result r = results.get(i);
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"label\": \"%s\", \"concurrency\": %d, \"perSecond\": %.1f, \"p50Millis\": %.3f, \"p99Millis\": %.3f, \"p999Millis\": %.3f, \"errors\": %d}",
                    r.label(), r.concurrency(), r.perSecond(), r.p50Millis(), r.p99Millis(), r.p999Millis(), r.errors()));
        }
        json.append(String.format(Locale.ROOT, "], \"h2Ratio\": %.4f, \"postgresRatio\": %.4f}%n", h2Ratio, pgRatio));
        Files.writeString(work.resolve("recording.json"), json);
    }
}
