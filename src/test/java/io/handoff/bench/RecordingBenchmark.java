package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * POST /api/v1/decisions over HTTP with durable recording against the same endpoint with recording switched
 * off, on H2 (file) and on PostgreSQL, in one run. For each database both services run side by side (idle
 * when not measured) and are measured in alternating rounds, so drift of the machine hits both alike; each
 * figure is the median of the rounds. Prints req/s, latency percentiles and ratios; writes
 * target/bench/recording.json.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.RecordingBenchmark}
 * (options: -Dbench.args="-Dbench.concurrency=16,64 -Dbench.rounds=3 -Dbench.seconds=10 -Dbench.warmup=15 -Dbench.max-warmup=300
 * -Dbench.databases=h2 -Dbench.contracts=fresh"; contracts: cases (default), the 38 case contracts replayed with their
 * own ids, or fresh, a new contract id per request (see {@link FreshContracts}); PostgreSQL from
 * HANDOFF_TEST_POSTGRES_URL, default jdbc:postgresql://127.0.0.1:5432/test?user=root).
 */
public final class RecordingBenchmark {
    public static void main(String[] args) throws Exception {
        List<Integer> levels = Arrays.stream(System.getProperty("bench.concurrency", "16,64").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "3"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "15")));
        Duration maxWarmup = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.max-warmup", "300")));
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "10")));
        Path work = Files.createDirectories(Path.of("target", "bench"));
        String postgres = System.getenv().getOrDefault("HANDOFF_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=root");
        List<byte[]> cases = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
        // cases (default, comparable with earlier runs): the 38 case contracts replayed with their own ids;
        // fresh: each request its own handoff, every 5th a resubmission
        String workload = System.getProperty("bench.contracts", "cases");
        LoadRun.Bodies bodies = workload.equals("cases") ? LoadRun.Bodies.cycling(cases) : new FreshContracts(cases, 5);
        System.out.println("workload: " + (workload.equals("cases") ? "the 38 case contracts replayed, same contract ids"
                : "the 38 case contracts as fresh handoffs (new contract id per request, every 5th request a resubmission)"));

        List<LoadRun.Result> medians = new ArrayList<>();
        for (String db : System.getProperty("bench.databases", "h2,postgresql").split(",")) {
            try (ServiceProcess recording = start(work, db, true, postgres);
                 ServiceProcess off = start(work, db, false, postgres)) {
                warmUntilCompiled(db, recording, off, bodies, levels.get(0), warmup, maxWarmup);
                for (int concurrency : levels) {
                    List<LoadRun.Result> on = new ArrayList<>();
                    List<LoadRun.Result> offRuns = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        boolean pg = db.equals("postgresql");
                        on.add(LoadRun.run(db + " recording", recording.uri("/api/v1/decisions"), bodies, concurrency,
                                Duration.ofSeconds(2), measure, recording.pid(), pg, false));
                        offRuns.add(LoadRun.run(db + " not recording", off.uri("/api/v1/decisions"), bodies, concurrency,
                                Duration.ofSeconds(2), measure, off.pid(), pg, false));
                    }
                    System.out.printf(Locale.ROOT, "  %s c=%d JIT compiler CPU while measured: recording %.0f ms/s, not recording %.0f ms/s%n",
                            db, concurrency, recording.compileRate(), off.compileRate());
                    medians.add(median(on));
                    medians.add(median(offRuns));
                    System.out.println(medians.get(medians.size() - 2).row());
                    System.out.println(medians.get(medians.size() - 1).row());
                }
            }
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nRECORDING BENCHMARK (POST /api/v1/decisions; median of %d alternating rounds of %d s)%n%s%n",
                rounds, measure.toSeconds(), LoadRun.Result.header()));
        medians.forEach(r -> table.append(r.row()).append('\n'));
        StringBuilder json = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < medians.size(); i++) {
            LoadRun.Result r = medians.get(i);
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"label\": \"%s\", \"concurrency\": %d, \"perSecond\": %.1f, \"p50Millis\": %.3f, \"p99Millis\": %.3f, \"p999Millis\": %.3f, \"errors\": %d, \"serviceCpuMicros\": %.1f, \"databaseCpuMicros\": %.1f}",
                    r.label(), r.concurrency(), r.perSecond(), r.p50Millis(), r.p99Millis(), r.p999Millis(), r.errors(),
                    r.serviceCpuMicros(), r.databaseCpuMicros()));
        }
        json.append("], \"ratios\": {");
        table.append("  ratios recording / not recording (target >= 0.70):\n");
        for (int i = 0; i + 1 < medians.size(); i += 2) {
            LoadRun.Result on = medians.get(i);
            LoadRun.Result off = medians.get(i + 1);
            double ratio = on.perSecond() / off.perSecond();
            double cpuRatio = off.cpuMicrosPerRequest() / on.cpuMicrosPerRequest();
            table.append(String.format(Locale.ROOT,
                    "    %-10s %3d connections: throughput %.2f (load generator on the same 2 cores), CPU per decision %.2f (%.0f vs %.0f us incl. database)%n",
                    on.label().replace(" recording", ""), on.concurrency(), ratio, cpuRatio, on.cpuMicrosPerRequest(),
                    off.cpuMicrosPerRequest()));
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "\"%s-%d\": {\"throughput\": %.4f, \"cpuPerDecision\": %.4f}",
                    on.label().replace(" recording", ""), on.concurrency(), ratio, cpuRatio));
        }
        json.append("}, \"peak\": {");
        table.append("  peak throughput (best req/s over the concurrency levels, each service at its own best):\n");
        List<String> dbs = medians.stream().map(r -> r.label().substring(0, r.label().indexOf(' '))).distinct().toList();
        for (int d = 0; d < dbs.size(); d++) {
            String db = dbs.get(d);
            double on = medians.stream().filter(r -> r.label().equals(db + " recording")).mapToDouble(LoadRun.Result::perSecond).max().orElse(0);
            double offPeak = medians.stream().filter(r -> r.label().equals(db + " not recording")).mapToDouble(LoadRun.Result::perSecond).max().orElse(1);
            table.append(String.format(Locale.ROOT, "    %-10s recording %.0f/s vs not recording %.0f/s: ratio %.2f%n", db, on, offPeak, on / offPeak));
            json.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": %.4f", db, on / offPeak));
        }
        json.append("}}\n");
        System.out.println(table);
        Files.writeString(work.resolve("recording.json"), json);
    }

    /**
     * Loads both services in alternating rounds until their JIT compilers have settled: on 2 cores C2 keeps compiling
     * for minutes, and the recording service has more code to compile (the database's write path, the
     * orchestration), so a fixed short warm-up measures compilation, not recording. The first rounds run 4 clients,
     * which leaves the compiler threads a share of the cores; the last two run the first measured concurrency.
     * Settled: in a round each service's compiler threads used under 5% of a core (or {@code max} has passed;
     * said so).
     */
    private static void warmUntilCompiled(String db, ServiceProcess recording, ServiceProcess off, LoadRun.Bodies bodies,
                                          int concurrency, Duration round, Duration max) throws Exception {
        long start = System.nanoTime();
        boolean settled = false;
        int finalRounds = 0;
        for (int n = 1; ; n++) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean last = settled || elapsed > max.toSeconds();
            int clients = last ? concurrency : 4;
            double on = warm(recording, bodies, clients, round);
            double offRate = warm(off, bodies, clients, round);
            System.out.printf(Locale.ROOT, "  %s warm-up round %d (%.0f s, %d clients): JIT compiler CPU recording %.0f ms/s, "
                    + "not recording %.0f ms/s%n", db, n, elapsed, clients, on, offRate);
            if (last && ++finalRounds == 2) {
                if (!settled) {
                    System.out.printf(Locale.ROOT, "  %s warm-up: compilers not settled within %d s; measuring anyway%n",
                            db, max.toSeconds());
                }
                return;
            }
            settled = settled || on < 50 && offRate < 50;
        }
    }

    private static double warm(ServiceProcess service, LoadRun.Bodies bodies, int clients, Duration round) throws Exception {
        service.compileRate();
        LoadRun.run("warm-up", service.uri("/api/v1/decisions"), bodies, clients, Duration.ZERO, round, -1, false, false);
        return service.compileRate();
    }

    static ServiceProcess start(Path work, String db, boolean recording, String postgres) throws Exception {
        String url = db.equals("h2")
                ? BenchH2.url(work.resolve("h2-" + System.nanoTime()))
                : postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=bench_" + System.nanoTime();
        String schema = db.equals("h2") ? "PUBLIC" : url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        return ServiceProcess.start(work.resolve("service-" + db + "-" + recording + ".log"), "spring.datasource.url=" + url,
                "spring.flyway.schemas=" + schema, "handoff.audit.recording=" + recording);
    }

    private static LoadRun.Result median(List<LoadRun.Result> runs) {
        List<LoadRun.Result> sorted = runs.stream().sorted((a, b) -> Double.compare(a.perSecond(), b.perSecond())).toList();
        return sorted.get(sorted.size() / 2);
    }
}
