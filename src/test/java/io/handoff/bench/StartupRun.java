package io.handoff.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Startup of the service with the shipped rules, each start on an empty database of its own (H2 file or a fresh
 * PostgreSQL schema, so Flyway migrates every time): process start to health 200 (ready: it takes decisions), and to
 * the ruleset's cases having passed (the health's {@code cases} detail; a decision before that waits for them).
 * Launches ({@code -Dbench.launch=production,classpath}): {@code production} is the documented production launch (the
 * extracted jar on the runtime and with the archive it was built for, {@link ProductionLaunch}), {@code classpath}
 * the service on this JVM's class path (the
 * way {@code ./mvnw spring-boot:run} runs it: classes from a directory, no archive). Without the archive built, only
 * the class path launch is measured, and said so. More JVM options through {@code -Dbench.service-jvm=...}.
 */
final class StartupRun {
    /**
     * {@code cpuToReadySeconds}: the service's CPU from its start to ready ({@code /proc}); {@code jitToReadySeconds} the
     * part of it the C1 and C2 compiler threads took. On 2 cores a start is CPU-bound: this says where a faster one
     * must come from.
     */
    record Start(String launch, String database, double readySeconds, double casesPassedSeconds, double cpuToReadySeconds,
                 double jitToReadySeconds) {
    }

    static final String PRODUCTION = "production";
    static final String CLASSPATH = "classpath";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StartupRun() {
    }

    /** The launches to measure: -Dbench.launch, else both when the production launch is built, else the class path. */
    static List<String> launches() {
        String wanted = System.getProperty("bench.launch");
        if (wanted != null) {
            return Arrays.stream(wanted.split(",")).map(String::trim).toList();
        }
        if (ProductionLaunch.built()) {
            return List.of(PRODUCTION, CLASSPATH);
        }
        System.out.println("  (no " + ProductionLaunch.ARGS + ": the production launch is not built "
                + "(./mvnw -Pcds package -DskipTests); measuring the class path launch only)");
        return List.of(CLASSPATH);
    }

    static List<Start> run(String postgres, Path work, int starts, List<String> launches) throws Exception {
        List<Start> result = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            for (String launch : launches) {
                result.add(start(launch, "H2", work, "spring.datasource.url="
                        + BenchH2.url(work.resolve("startup-h2-" + System.nanoTime()))));
                String schema = "bench_startup_" + System.nanoTime();
                try {
                    result.add(start(launch, "PostgreSQL", work, "spring.datasource.url=" + postgres
                            + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema, "spring.flyway.schemas=" + schema));
                } finally {
                    try (var c = java.sql.DriverManager.getConnection(postgres); var s = c.createStatement()) {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    }
                }
            }
        }
        return result;
    }

    /**
     * The service started the {@code launch} way, as an operator runs it: the checkpoint sink and the development key
     * in places of their own under {@code work}, not ./data (the class path launch would take them from the test
     * configuration, the jar would not).
     */
    static ServiceProcess service(String launch, Path work, Path log, String... properties) throws Exception {
        return service(launch, false, work, log, properties);
    }

    /** {@code withTestClasses}: the production launch with target/test-classes after the jar (the echo endpoint). */
    static ServiceProcess service(String launch, boolean withTestClasses, Path work, Path log, String... properties) throws Exception {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("handoff.audit.signing.sink-dir=" + work.resolve("checkpoints-" + System.nanoTime()));
        all.add("handoff.audit.signing.dev-key-dir=" + work.resolve("signing"));
        String[] args = all.toArray(String[]::new);
        if (!PRODUCTION.equals(launch)) {
            return ServiceProcess.start(log, args);
        }
        return withTestClasses ? ServiceProcess.startProductionWithTestClasses(log, args) : ServiceProcess.startProduction(log, args);
    }

    private static Start start(String launch, String database, Path work, String... properties) throws Exception {
        Path log = work.resolve("startup-" + launch + "-" + database + ".log");
        long started = System.nanoTime();
        try (ServiceProcess service = service(launch, work, log, properties)) {
            double ready = (System.nanoTime() - started) / 1e9;
            double cpu = CpuMeter.processNanos(service.pid()) / 1e9;
            double jit = CpuMeter.compilerNanos(service.pid()) / 1e9;
            while (true) {
                JsonNode cases = JSON.readTree(service.get("/actuator/health")).at("/components/ruleset/details/cases");
                if (!"pending".equals(cases.asString())) {
                    if (!"passed".equals(cases.asString())) {
                        throw new IllegalStateException("the shipped ruleset's cases did not pass: " + cases);
                    }
                    Start start = new Start(launch, database, ready, (System.nanoTime() - started) / 1e9, cpu, jit);
                    System.out.printf(java.util.Locale.ROOT, "  %-9s %-10s ready %.1f s (CPU %.1f s, JIT %.1f s), cases passed %.1f s%n",
                            launch, database, start.readySeconds(), cpu, jit, start.casesPassedSeconds());
                    return start;
                }
                Thread.sleep(50);
            }
        }
    }
}
