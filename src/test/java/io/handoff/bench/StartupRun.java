package io.handoff.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Startup of the service with the shipped rules, each start on an empty database of its own (H2 file or a fresh
 * PostgreSQL schema, so Flyway migrates every time): process start to health 200 (ready: it takes decisions), and to
 * the ruleset's cases having passed (the health's {@code cases} detail; a decision before that waits for them).
 * JVM options for the service, e.g. a CDS archive, through {@code -Dbench.service-jvm=...} (see ServiceProcess).
 */
final class StartupRun {
    record Start(String database, double readySeconds, double casesPassedSeconds) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StartupRun() {
    }

    static List<Start> run(String postgres, Path work, int starts) throws Exception {
        List<Start> result = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            result.add(start("H2", work, "spring.datasource.url=" + BenchH2.url(work.resolve("startup-h2-" + System.nanoTime()))));
            String schema = "bench_startup_" + System.nanoTime();
            try {
                result.add(start("PostgreSQL", work, "spring.datasource.url=" + postgres + (postgres.contains("?") ? "&" : "?")
                        + "currentSchema=" + schema, "spring.flyway.schemas=" + schema));
            } finally {
                try (var c = java.sql.DriverManager.getConnection(postgres); var s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
        return result;
    }

    private static Start start(String database, Path work, String... properties) throws Exception {
        long started = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.start(work.resolve("startup-" + database + ".log"), properties)) {
            double ready = (System.nanoTime() - started) / 1e9;
            while (true) {
                JsonNode cases = JSON.readTree(service.get("/actuator/health")).at("/components/ruleset/details/cases");
                if (!"pending".equals(cases.asString())) {
                    if (!"passed".equals(cases.asString())) {
                        throw new IllegalStateException("the shipped ruleset's cases did not pass: " + cases);
                    }
                    Start start = new Start(database, ready, (System.nanoTime() - started) / 1e9);
                    System.out.printf(java.util.Locale.ROOT, "  %-10s ready %.1f s, cases passed %.1f s%n", database,
                            start.readySeconds(), start.casesPassedSeconds());
                    return start;
                }
                Thread.sleep(50);
            }
        }
    }
}
