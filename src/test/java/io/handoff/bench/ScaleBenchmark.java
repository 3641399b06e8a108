package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one benchmark command of issue 8: engine (JMH: traced path, bare execute, the Scoring sheet by Drools and by
 * hand), HTTP (decisions recorded on H2 and on PostgreSQL against a bare echo endpoint, at several concurrency
 * levels, beside the same decisions with nothing written as a reference, then open-loop at 70% of peak; startup time
 * and RSS; a JFR profile of where the CPU goes), ruleset scale (100/1,000/3,000 generated rows) and log scale (1M
 * records: search by contract id, verify). Prints a table of figures, ratios and targets; writes target/bench/scale.json.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.ScaleBenchmark}; options in
 * -Dbench.args="...": -Dbench.sections=engine,startup,http,profile,ruleset,log -Dbench.starts=3 -Dbench.concurrency=4,16,64
 * -Dbench.seconds=5 -Dbench.warmup=3 -Dbench.records=1000000 -Dbench.rows=100,1000,3000 -Dbench.contracts=fresh (default;
 * cases: the case contracts under their own ids, unchanged resubmissions after the first round). PostgreSQL from
 * HANDOFF_TEST_POSTGRES_URL, default jdbc:postgresql://127.0.0.1:5432/test?user=root.
 */
public final class ScaleBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode json = JSON.createObjectNode();
    private final StringBuilder table = new StringBuilder();
    private final Map<String, String[]> targets = new LinkedHashMap<>();
    private final Path work;
    private final String postgres;

    private ScaleBenchmark(Path work, String postgres) {
        this.work = work;
        this.postgres = postgres;
    }

    public static void main(String[] args) throws Exception {
        splitOptions();
        Set<String> sections = Set.copyOf(Arrays.asList(System.getProperty("bench.sections", "engine,startup,http,profile,ruleset,log").split(",")));
        Path work = Files.createDirectories(Path.of("target", "bench"));
        ScaleBenchmark bench = new ScaleBenchmark(work, System.getenv().getOrDefault("HANDOFF_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=root"));
        bench.json.put("date", java.time.Instant.now().toString());
        bench.json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", load average at start "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        if (sections.contains("engine")) {
            bench.engine();
        }
        if (sections.contains("startup")) {
            bench.startup();
        }
        if (sections.contains("http")) {
            bench.http();
        }
        if (sections.contains("profile")) {
            bench.profile();
        }
        if (sections.contains("ruleset")) {
            bench.ruleset();
        }
        if (sections.contains("log")) {
            bench.log();
        }
        bench.finish();
    }

    private void engine() throws Exception {
        String loadBefore = loadAverage();
        EngineBenchmark.Scores s = EngineBenchmark.run(4, 5, 2);
        double ratio = s.traced() / s.bare();
        table.append(String.format(Locale.ROOT, """

                ENGINE (JMH, 1 thread, %d case contracts; load average before: %s)
                  engine path with trace (shipped ruleset)   %,12.0f evaluations/s
                  bare StatelessKieSession.execute            %,12.0f evaluations/s   ratio %.2f
                  Scoring sheet alone, Drools with trace      %,12.0f evaluations/s
                  Scoring sheet by hand in Java               %,12.0f evaluations/s   Drools/by hand %.3f
                """, BenchContracts.caseFacts().size(), loadBefore, s.traced(), s.bare(), ratio, s.sheetTraced(), s.handWritten(),
                s.sheetTraced() / s.handWritten()));
        json.set("engine", JSON.valueToTree(s));
        target("engine path >= 0.8 x bare Drools", String.format(Locale.ROOT, "%.2f", ratio), ratio >= 0.8);
    }

    private void startup() throws Exception {
        String loadBefore = loadAverage();
        String jvm = System.getProperty("bench.service-jvm", "");
        List<String> launches = StartupRun.launches();
        List<StartupRun.Start> starts = StartupRun.run(postgres, work, Integer.parseInt(System.getProperty("bench.starts", "3")),
                launches);
        table.append(String.format(Locale.ROOT, "%nSTARTUP (shipped rules, empty database each time, -Xmx512m%s; load average before: %s)%n"
                        + "  launches: production = target/app/launch.args (docs/operations.md)%s, "
                        + "classpath = classes from target/classes on this JVM, no archive (as ./mvnw spring-boot:run)%n",
                jvm.isBlank() ? "" : " " + jvm, loadBefore,
                launches.contains(StartupRun.PRODUCTION) ? ": " + ProductionLaunch.describe() : ""));
        starts.forEach(s -> table.append(String.format(Locale.ROOT,
                "  %-9s %-10s ready %5.1f s (CPU to ready %4.1f s, of it JIT %4.1f s)   cases passed %5.1f s%n",
                s.launch(), s.database(), s.readySeconds(), s.cpuToReadySeconds(), s.jitToReadySeconds(), s.casesPassedSeconds())));
        for (String launch : launches) {
            table.append(String.format(Locale.ROOT, "  median ready, %s: H2 %.1f s, PostgreSQL %.1f s%n", launch,
                    median(starts, launch, "H2"), median(starts, launch, "PostgreSQL")));
        }
        json.set("startup", JSON.valueToTree(starts));
        // the target is judged on the production launch when it was measured
        String judged = launches.contains(StartupRun.PRODUCTION) ? StartupRun.PRODUCTION : launches.get(0);
        double h2 = median(starts, judged, "H2");
        double pg = median(starts, judged, "PostgreSQL");
        target("startup to ready <= 6 s (median, " + judged + " launch)",
                String.format(Locale.ROOT, "H2 %.1f s, PostgreSQL %.1f s", h2, pg), Math.max(h2, pg) <= 6);
    }

    /**
     * What the HTTP and profile sections post: by default every request a handoff of its own (the case contracts with a
     * fresh contract id each, {@link FreshContracts}), so each is a decision evaluated and recorded. With
     * {@code -Dbench.contracts=cases} the 38 case contracts are posted again and again under their own ids: after the
     * first round each is an unchanged resubmission (the current decision read back, nothing evaluated or recorded,
     * header Handoff-Unchanged), which is what runs before 2026-12-06 20:20 UTC measured as "decisions".
     */
    private static LoadRun.Bodies workload(List<byte[]> cases) {
        return "cases".equals(System.getProperty("bench.contracts", "fresh")) ? LoadRun.Bodies.cycling(cases)
                : new FreshContracts(cases, 0);
    }

    private static double median(List<StartupRun.Start> starts, String launch, String database) {
        double[] ready = starts.stream().filter(s -> s.launch().equals(launch) && s.database().equals(database))
                .mapToDouble(StartupRun.Start::readySeconds).sorted().toArray();
        return ready[ready.length / 2];
    }

    private void http() throws Exception {
        List<Integer> levels = Arrays.stream(System.getProperty("bench.concurrency", "4,16,64").split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "5")));
        // echo warms this long, each decision service twice as long (-Dbench.warmup=60: the JIT settled, as a service that has
        // run for a while; the default leaves part of the compilation inside the measured seconds)
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "3")));
        List<byte[]> cases = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
        LoadRun.Bodies bodies = workload(cases);
        String loadBefore = loadAverage();
        String pgUrl = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=bench_http_" + System.nanoTime();
        String pgSchema = pgUrl.substring(pgUrl.indexOf("currentSchema=") + "currentSchema=".length());
        // the services under load run the production launch when it is built (RSS is the deployed process's), with
        // the test classes after the jar for the bench profile's echo endpoint
        String launch = StartupRun.launches().get(0);
        long startH2 = System.nanoTime();
        ServiceProcess h2 = StartupRun.service(launch, true, work, work.resolve("scale-h2.log"), "spring.profiles.active=bench",
                "spring.datasource.url=" + BenchH2.url(work.resolve("scale-h2-" + System.nanoTime())), "handoff.audit.retention-interval=1000d");
        double h2Startup = (System.nanoTime() - startH2) / 1e9;
        long startPg = System.nanoTime();
        ServiceProcess pg;
        try {
            pg = StartupRun.service(launch, true, work, work.resolve("scale-pg.log"), "spring.profiles.active=bench",
                    "spring.datasource.url=" + pgUrl, "spring.flyway.schemas=" + pgSchema, "handoff.audit.retention-interval=1000d");
        } catch (Exception e) {
            h2.close();
            throw e;
        }
        double pgStartup = (System.nanoTime() - startPg) / 1e9;
        AtomicLong maxRss = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> maxRssParts = new java.util.concurrent.atomic.AtomicReference<>("");
        Thread rss = rssSampler(maxRss, maxRssParts, h2.pid(), pg.pid());
        List<LoadRun.Result> rows = new ArrayList<>();
        try (h2; pg) {
            LoadRun.run("warm-up", h2.uri("/bench/echo"), bodies, 16, warmup, Duration.ofSeconds(1), -1, false, false);
            LoadRun.run("warm-up", h2.uri("/api/v1/decisions"), bodies, 16, warmup.multipliedBy(2), Duration.ofSeconds(1), -1, false, false);
            LoadRun.run("warm-up", pg.uri("/api/v1/decisions"), bodies, 16, warmup.multipliedBy(2), Duration.ofSeconds(1), -1, false, false);
            for (int c : levels) {
                rows.add(LoadRun.run("echo (no decision)", h2.uri("/bench/echo"), bodies, c, Duration.ofSeconds(1), measure, h2.pid(), false, false));
                rows.add(LoadRun.run("decisions, H2 recorded", h2.uri("/api/v1/decisions"), bodies, c, Duration.ofSeconds(1), measure,
                        h2.pid(), false, false));
                rows.add(LoadRun.run("decisions, PostgreSQL rec.", pg.uri("/api/v1/decisions"), bodies, c, Duration.ofSeconds(1), measure,
                        pg.pid(), true, false));
                rows.subList(rows.size() - 3, rows.size()).forEach(r -> System.out.println(r.row()));
            }
            double echoPeak = peak(rows, "echo");
            double h2Peak = peak(rows, "decisions, H2");
            double pgPeak = peak(rows, "decisions, PostgreSQL");
            PacedRun.Result h2Paced = PacedRun.run(h2.uri("/api/v1/decisions"), bodies, 0.7 * h2Peak, Duration.ofSeconds(10));
            PacedRun.Result pgPaced = PacedRun.run(pg.uri("/api/v1/decisions"), bodies, 0.7 * pgPeak, Duration.ofSeconds(10));
            rss.interrupt();
            // the same decisions with nothing written (no audit record, no handoff state, no history read, no commit): the
            // decision behind the same HTTP stack, so the gap to echo splits into deciding and recording. Measured after the
            // rows and runs above, in a process of its own started now, so its compiling takes no CPU from them; not in RSS.
            try (ServiceProcess unwritten = StartupRun.service(launch, true, work, work.resolve("scale-unwritten.log"),
                    "spring.profiles.active=bench", "spring.datasource.url=" + BenchH2.url(work.resolve("scale-unwritten-" + System.nanoTime())),
                    "handoff.audit.recording=false", "handoff.orchestration.open-on-decision=false")) {
                LoadRun.run("warm-up", unwritten.uri("/api/v1/decisions"), bodies, 16, warmup.multipliedBy(2), Duration.ofSeconds(1), -1, false, false);
                for (int c : levels) {
                    LoadRun.Result row = LoadRun.run("decisions, nothing written", unwritten.uri("/api/v1/decisions"), bodies, c,
                            Duration.ofSeconds(1), measure, unwritten.pid(), false, false);
                    rows.add(row);
                    System.out.println(row.row());
                }
            }
            table.append(String.format(Locale.ROOT, "%nHTTP (closed loop, %d s per level after 1 s warm-up, the services warmed %d s (echo) and %d s "
                    + "(decisions) first; load generator on the same 2 cores; load average before: %s; contracts: %s)%n%s   shed%n",
                    measure.toSeconds(), warmup.toSeconds(), warmup.multipliedBy(2).toSeconds(), loadBefore,
                    System.getProperty("bench.contracts", "fresh"), LoadRun.Result.header()));
            rows.forEach(r -> table.append(r.row()).append(String.format(Locale.ROOT, " %6d%n", r.shed())));
            table.append(String.format(Locale.ROOT, """
                      peak req/s: echo %,.0f, H2 recorded %,.0f (ratio %.2f), PostgreSQL recorded %,.0f (ratio %.2f)
                    """, echoPeak, h2Peak, h2Peak / echoPeak, pgPeak, pgPeak / echoPeak));
            for (int c : levels) {
                table.append(String.format(Locale.ROOT, "      c=%-3d decisions/s vs echo: H2 %.2f, PostgreSQL %.2f (nothing written %.2f); "
                        + "CPU per request: echo %.0f us, nothing written %.0f us, H2 %.0f us, PostgreSQL %.0f us + %.0f us in the database%n",
                        c, ratio(rows, "decisions, H2", c), ratio(rows, "decisions, PostgreSQL", c), ratio(rows, "decisions, nothing", c),
                        at(rows, "echo", c).serviceCpuMicros(), at(rows, "decisions, nothing", c).serviceCpuMicros(),
                        at(rows, "decisions, H2", c).serviceCpuMicros(), at(rows, "decisions, PostgreSQL", c).serviceCpuMicros(),
                        at(rows, "decisions, PostgreSQL", c).databaseCpuMicros()));
            }
            table.append(String.format(Locale.ROOT, """
                      open loop at 70%% of peak: H2 %,.0f/s -> p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%d errors, %d shed = %.2f%%)
                                                PostgreSQL %,.0f/s -> p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%d errors, %d shed = %.2f%%)
                      startup to ready (process start to health 200, %s launch): H2 %.1f s, PostgreSQL %.1f s; max RSS under load %d MB (%s)
                    """, h2Paced.targetPerSecond(), h2Paced.p50Millis(),
                    h2Paced.p99Millis(), h2Paced.p999Millis(), h2Paced.errors(), h2Paced.shed(), 100 * h2Paced.shedShare(),
                    pgPaced.targetPerSecond(), pgPaced.p50Millis(), pgPaced.p99Millis(), pgPaced.p999Millis(), pgPaced.errors(),
                    pgPaced.shed(), 100 * pgPaced.shedShare(), launch, h2Startup, pgStartup, maxRss.get() / 1024, maxRssParts.get()));
            ObjectNode http = json.putObject("http");
            http.set("closedLoop", JSON.valueToTree(rows));
            http.put("echoPeak", echoPeak).put("h2Peak", h2Peak).put("postgresPeak", pgPeak);
            http.set("h2At70Percent", JSON.valueToTree(h2Paced));
            http.set("postgresAt70Percent", JSON.valueToTree(pgPaced));
            ((ObjectNode) http.get("h2At70Percent")).put("shedShare", h2Paced.shedShare());
            ((ObjectNode) http.get("postgresAt70Percent")).put("shedShare", pgPaced.shedShare());
            http.put("startupSecondsH2", h2Startup).put("startupSecondsPostgres", pgStartup).put("maxRssMegabytes", maxRss.get() / 1024);
            ObjectNode ratios = http.putObject("ratioToEcho");
            StringBuilder measured = new StringBuilder();
            double worst = Double.MAX_VALUE;
            for (int c : levels.stream().filter(c -> c >= 16).toList()) {
                double h2Ratio = ratio(rows, "decisions, H2", c);
                double pgRatio = ratio(rows, "decisions, PostgreSQL", c);
                ratios.put("h2 c=" + c, h2Ratio).put("postgres c=" + c, pgRatio).put("nothing written c=" + c, ratio(rows, "decisions, nothing", c));
                measured.append(String.format(Locale.ROOT, "%sc=%d H2 %.2f PG %.2f", measured.isEmpty() ? "" : "; ", c, h2Ratio, pgRatio));
                worst = Math.min(worst, Math.min(h2Ratio, pgRatio));
            }
            target("durable decisions/s >= 0.5 x echo (c=16, c=64)", measured.toString(), worst >= 0.5);
            target("p99 <= 25 ms at 70% of peak (H2), shed <= 1%", String.format(Locale.ROOT, "H2 %.1f ms, %.2f%% shed (PostgreSQL %.1f ms)",
                    h2Paced.p99Millis(), 100 * h2Paced.shedShare(), pgPaced.p99Millis()),
                    h2Paced.p99Millis() <= 25 && h2Paced.shedShare() <= 0.01);
            target("startup to ready <= 6 s (one start, " + launch + " launch)", String.format(Locale.ROOT, "H2 %.1f s, PostgreSQL %.1f s", h2Startup, pgStartup),
                    Math.max(h2Startup, pgStartup) <= 6);
            target("RSS <= 500 MB under load", maxRss.get() / 1024 + " MB (max of both services, " + launch + " launch)", maxRss.get() / 1024 <= 500);
        } finally {
            rss.interrupt();
            try (var c = java.sql.DriverManager.getConnection(postgres); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
            }
        }
    }

    /**
     * Where the CPU goes: JFR of the H2 service under c=16 load, on the echo endpoint and on decisions, with the
     * service's CPU per request read from /proc over the same load; a decision's CPU is split by stage in proportion
     * to the stage's share of the execution samples ("other": HTTP, Spring, filters, the API-key check, plus what JFR
     * does not sample: GC and JIT threads).
     */
    private void profile() throws Exception {
        LoadRun.Bodies bodies = workload(BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList());
        try (ServiceProcess service = ServiceProcess.start(work.resolve("profile-h2.log"), "spring.profiles.active=bench",
                "spring.datasource.url=" + BenchH2.url(work.resolve("profile-h2-" + System.nanoTime())), "handoff.audit.retention-interval=1000d")) {
            table.append("\nCPU PROFILE (JFR execution samples of the service, H2, 16 clients, 10 s each; load average before: "
                    + loadAverage() + ")\n");
            ObjectNode profiles = json.putObject("profile");
            Duration warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.profile-warmup", "8")));
            for (String[] endpoint : new String[][] {{"echo", "/bench/echo"}, {"decisions", "/api/v1/decisions"}}) {
                LoadRun.run("warm-up", service.uri(endpoint[1]), bodies, 16, warmup, Duration.ofSeconds(1), -1, false, false);
                Path file = work.resolve("profile-" + endpoint[0] + ".jfr");
                Files.deleteIfExists(file);
                java.util.concurrent.atomic.AtomicReference<LoadRun.Result> metered = new java.util.concurrent.atomic.AtomicReference<>();
                Thread load = new Thread(() -> {
                    try {
                        metered.set(LoadRun.run("profiled", service.uri(endpoint[1]), bodies, 16, Duration.ofSeconds(1),
                                Duration.ofSeconds(25), service.pid(), false, false)); // outlasts a slow JFR attach
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                load.start();
                Thread.sleep(1500);
                Map<String, Long> threadsBefore = CpuMeter.threadKindNanos(service.pid());
                CpuProfile.record(service.pid(), 10, file);
                load.join();
                Map<String, Long> threadsAfter = CpuMeter.threadKindNanos(service.pid());
                CpuProfile.awaitWritten(file, Duration.ofSeconds(120));
                CpuProfile.Summary summary = CpuProfile.summarize(file);
                table.append(summary.describe(endpoint[0] + " " + endpoint[1]));
                ObjectNode profile = JSON.valueToTree(summary);
                double cpu = metered.get() == null ? 0 : metered.get().serviceCpuMicros();
                Map<String, Double> stages = summary.stageMicros(cpu);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    CPU per request %.0f us:", cpu));
                stages.forEach((stage, micros) -> line.append(String.format(Locale.ROOT, " %s %.0f,", stage, micros)));
                line.setLength(line.length() - 1);
                table.append(line).append(" (us)\n");
                table.append(threadKinds(threadsBefore, threadsAfter, metered.get()));
                profile.put("cpuMicrosPerRequest", cpu);
                profile.set("stageMicros", JSON.valueToTree(stages));
                profiles.set(endpoint[0], profile);
            }
        }
    }

    /**
     * The service's CPU per request split by thread kind in proportion to each kind's CPU during the recording (from
     * /proc), the kinds over 2 % of it: where the CPU goes
     * whatever JFR samples (GC and JIT threads are not sampled at all).
     */
    private static String threadKinds(Map<String, Long> before, Map<String, Long> after, LoadRun.Result metered) {
        if (metered == null || metered.serviceCpuMicros() <= 0) {
            return "";
        }
        Map<String, Long> used = new java.util.HashMap<>();
        after.forEach((kind, nanos) -> used.put(kind, nanos - before.getOrDefault(kind, 0L)));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return "";
        }
        StringBuilder line = new StringBuilder("    by thread kind (/proc, share of the CPU per request, us):");
        used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > total / 50)
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.0f,", e.getKey(), metered.serviceCpuMicros() * e.getValue() / total)));
        line.setLength(line.length() - 1);
        return line.append('\n').toString();
    }

    private void ruleset() throws Exception {
        // not 5,000: a generated file that long is over the rule verifier's 1,000,000-character limit per rule file
        // (the analysts' safety net refuses it with "split it"), so the largest default sheet is 3,000 rows
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.rows", "100,1000,3000").split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
        String loadBefore = loadAverage();
        List<RulesetScale.Result> results = RulesetScale.run(sizes, 6);
        table.append(String.format(Locale.ROOT, "%nRULESET SCALE (generated rows appended to the Scoring sheet; traced engine, 1 thread; "
                + "load average before: %s)%n%s%n", loadBefore, RulesetScale.Result.header()));
        results.forEach(r -> table.append(r.row()).append('\n'));
        RulesetScale.Result shipped = results.get(0);
        RulesetScale.Result largest = results.get(results.size() - 1);
        double costRatio = largest.microsPerDecision() / shipped.microsPerDecision();
        table.append(String.format(Locale.ROOT, "  %d rows: cost per decision %.2f x the shipped ruleset's%n", largest.generatedRows(), costRatio));
        json.set("rulesetScale", JSON.valueToTree(results));
        target(largest.generatedRows() + "-row table compiles <= 30 s", String.format(Locale.ROOT, "%.1f s", largest.compileSeconds()),
                largest.compileSeconds() <= 30);
        target(largest.generatedRows() + "-row table decides <= 3 x shipped", String.format(Locale.ROOT, "%.2f x", costRatio), costRatio <= 3);
    }

    private void log() throws Exception {
        int records = Integer.parseInt(System.getProperty("bench.records", "1000000"));
        String loadBefore = loadAverage();
        String launch = StartupRun.launches().get(0);
        LogScale.Result r = LogScale.run(postgres, records, Math.max(1, records / 10), work, launch);
        table.append(String.format(Locale.ROOT, """

                LOG SCALE (PostgreSQL, %,d real decision records over %,d contract ids, through the service's HTTP API, %s launch; load average before: %s)
                  bulk append through the audit store        %,10.0f records/s
                  search by contract id (%d random ids)     p50 %.1f ms, p99 %.1f ms
                  verify the whole chain                     %.1f s for %,d records (%,.0f records/s): %s
                """, r.records(), Math.max(1, records / 10), launch, loadBefore, r.appendPerSecond(), r.queries(), r.queryP50Millis(), r.queryP99Millis(),
                r.verifySeconds(), r.verified(), r.verifyRecordsPerSecond(), r.verifyStatus()));
        json.set("logScale", JSON.valueToTree(r));
        target("verify " + String.format(Locale.ROOT, "%,d", records) + " records <= 10 s", String.format(Locale.ROOT, "%.1f s, %s",
                r.verifySeconds(), r.verifyStatus()), r.verifySeconds() <= 10 && "intact".equals(r.verifyStatus()));
        target("query by contract id p99 <= 50 ms at " + String.format(Locale.ROOT, "%,d", records) + " records",
                String.format(Locale.ROOT, "%.1f ms", r.queryP99Millis()), r.queryP99Millis() <= 50);
    }

    private void finish() throws Exception {
        table.append("\nTARGETS\n");
        ObjectNode t = json.putObject("targets");
        targets.forEach((name, v) -> {
            table.append(String.format(Locale.ROOT, "  %-48s %-34s %s%n", name, v[0], v[1]));
            t.putObject(name).put("measured", v[0]).put("met", v[1].equals("met"));
        });
        System.out.println(table);
        String sections = System.getProperty("bench.sections", "engine,startup,http,profile,ruleset,log");
        Path out = work.resolve(sections.equals("engine,startup,http,profile,ruleset,log") ? "scale.json"
                : "scale-" + sections.replace(',', '-') + ".json");
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("written: " + out);
    }

    /**
     * The bench profile passes -Dbench.args="..." to the JVM as one argument, so "-Dbench.sections=log -Dbench.records=1000"
     * arrives as one property; split it into its parts.
     */
    private static void splitOptions() {
        for (String name : System.getProperties().stringPropertyNames()) {
            String value = System.getProperty(name);
            if (name.startsWith("bench.") && value.contains(" -D")) {
                String[] parts = value.split("\\s+-D");
                System.setProperty(name, parts[0].trim());
                for (int i = 1; i < parts.length; i++) {
                    String[] pair = parts[i].trim().split("=", 2);
                    System.setProperty(pair[0], pair.length > 1 ? pair[1] : "true");
                }
            }
        }
    }

    private void target(String name, String measured, boolean met) {
        targets.put(name, new String[] {measured, met ? "met" : "MISSED"});
    }

    /** The 1, 5 and 15 minute load averages: how much else ran on the machine (2 cores) around a measurement. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The row of an endpoint at one concurrency level. */
    private static LoadRun.Result at(List<LoadRun.Result> rows, String prefix, int concurrency) {
        return rows.stream().filter(r -> r.label().startsWith(prefix) && r.concurrency() == concurrency).findFirst().orElseThrow();
    }

    /** Requests/s of an endpoint against the echo's at the same concurrency. */
    private static double ratio(List<LoadRun.Result> rows, String prefix, int concurrency) {
        return at(rows, prefix, concurrency).perSecond() / at(rows, "echo", concurrency).perSecond();
    }

    private static double peak(List<LoadRun.Result> rows, String prefix) {
        return rows.stream().filter(r -> r.label().startsWith(prefix)).mapToDouble(LoadRun.Result::perSecond).max().orElse(0);
    }

    /**
     * Samples VmRSS of the given processes every 250 ms and keeps the largest, in kB, and what it was made of then
     * (anonymous memory: heap, JIT code, metaspace, native; file pages: the mapped jars and the CDS/AOT archive).
     */
    private static Thread rssSampler(AtomicLong max, java.util.concurrent.atomic.AtomicReference<String> parts, long... pids) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (long pid : pids) {
                    try {
                        Map<String, Long> kb = new java.util.HashMap<>();
                        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                            if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:")) {
                                kb.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.replaceAll("[^0-9]", "")));
                            }
                        }
                        long rss = kb.getOrDefault("VmRSS", 0L);
                        if (rss > max.get()) {
                            max.set(rss);
                            parts.set(String.format(Locale.ROOT, "%s: anonymous %d MB, file pages %d MB", pid == pids[0] ? "H2" : "PostgreSQL",
                                    kb.getOrDefault("RssAnon", 0L) / 1024, kb.getOrDefault("RssFile", 0L) / 1024));
                        }
                    } catch (Exception gone) {
                        // process ended
                    }
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
