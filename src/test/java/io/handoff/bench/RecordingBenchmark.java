package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * POST /api/v1/decisions over HTTP with durable recording against the same endpoint with recording switched
 * off, on H2 (file) and on PostgreSQL, in one run. For each database the services run side by side (idle when not
 * measured) and are measured in alternating rounds, so drift of the machine hits them alike; each figure is the
 * median of the rounds. The services:
 * <ul>
 * <li><b>recording</b>: as shipped, every decision and what it opens committed in one group commit;</li>
 * <li><b>not recording</b> ({@code handoff.audit.recording=false}): the same endpoint without the audit log; its
 * decisions still open their approvals, incidents and handoff state (group-committed alike). Recording against this
 * one is the cost of the log: the target (ratio >= 0.70);</li>
 * <li><b>nothing written</b> (also {@code handoff.orchestration.open-on-decision=false}; {@code -Dbench.nothing-written=false}
 * leaves it out): the decision alone, no database write. Recording against it is the whole write path, printed for
 * reference;</li>
 * <li>optionally a variant of the recording service, {@code -Dbench.variant="label|h2 options|name=value,name=value"}
 * (either part may be empty), to compare a setting side by side with the shipped one in the same run; with
 * {@code -Dbench.variant-classpath=PATH} (or {@code @file} holding it) the variant runs another build of the service,
 * e.g. the classes of the commit before a change copied aside: old and new code measured in the same run.</li>
 * </ul>
 * Prints req/s, latency percentiles, CPU per decision, each writing service's mean group commit, and ratios;
 * writes target/bench/recording.json.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.RecordingBenchmark}
 * (options: -Dbench.args="-Dbench.concurrency=16,64 -Dbench.rounds=3 -Dbench.seconds=10 -Dbench.warmup=15 -Dbench.max-warmup=300
 * -Dbench.databases=h2 -Dbench.contracts=fresh"; contracts: cases (default), the 38 case contracts replayed with their
 * own ids, or fresh, a new contract id per request (see {@link FreshContracts}); PostgreSQL from
 * HANDOFF_TEST_POSTGRES_URL, default jdbc:postgresql://127.0.0.1:5432/test?user=root).
 */
public final class RecordingBenchmark {
    /** One service under test: its label, whether it records, H2 URL overrides and extra properties. */
    private record Setup(String label, boolean recording, String h2Options, List<String> properties, String classpath) {
        Setup(String label, boolean recording, String h2Options, List<String> properties) {
            this(label, recording, h2Options, properties, System.getProperty("java.class.path"));
        }
    }

    private record Running(Setup setup, ServiceProcess process) {
    }

    /** The median of one service's rounds at one concurrency, with its mean group commit (0: none counted). */
    private record Row(String db, Setup setup, LoadRun.Result result, double meanBatch) {
    }

    /** A service's group commits so far, from its Prometheus scrape. */
    private record Commits(double count, double items) {
        Commits minus(Commits before) {
            return new Commits(count - before.count, items - before.items);
        }

        Commits plus(Commits other) {
            return new Commits(count + other.count, items + other.items);
        }
    }

    private static final String RECORDING = "recording";
    private static final String NOT_RECORDING = "not recording";
    private static final String NOTHING = "nothing written";

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

        List<Setup> setups = new ArrayList<>(List.of(
                new Setup(RECORDING, true, "", List.of("handoff.audit.recording=true")),
                new Setup(NOT_RECORDING, false, "", List.of("handoff.audit.recording=false"))));
        if (Boolean.parseBoolean(System.getProperty("bench.nothing-written", "true"))) {
            setups.add(new Setup(NOTHING, false, "", List.of("handoff.audit.recording=false", "handoff.orchestration.open-on-decision=false")));
        }
        String variant = System.getProperty("bench.variant", "");
        if (!variant.isBlank()) {
            String[] parts = (variant + "||").split("\\|", -1);
            List<String> properties = new ArrayList<>(List.of("handoff.audit.recording=true"));
            Arrays.stream(parts[2].split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(properties::add);
            String classpath = System.getProperty("bench.variant-classpath", System.getProperty("java.class.path"));
            if (classpath.startsWith("@")) {
                classpath = Files.readString(Path.of(classpath.substring(1))).trim();
            }
            setups.add(new Setup(RECORDING + " " + parts[0].trim(), true, parts[1].trim(), properties, classpath));
        }

        List<Row> medians = new ArrayList<>();
        for (String db : System.getProperty("bench.databases", "h2,postgresql").split(",")) {
            boolean pg = db.equals("postgresql");
            List<Running> services = new ArrayList<>();
            try {
                for (Setup setup : setups) {
                    services.add(new Running(setup, start(work, db, setup, postgres)));
                }
                warmUntilCompiled(db, services, bodies, levels.get(0), warmup, maxWarmup);
                for (int concurrency : levels) {
                    Map<Running, List<LoadRun.Result>> runs = new LinkedHashMap<>();
                    Map<Running, Commits> commits = new LinkedHashMap<>();
                    for (int round = 0; round < rounds; round++) {
                        for (Running service : services) {
                            Commits before = commits(service.process());
                            runs.computeIfAbsent(service, k -> new ArrayList<>()).add(LoadRun.run(
                                    db + " " + service.setup().label(), service.process().uri("/api/v1/decisions"), bodies,
                                    concurrency, Duration.ofSeconds(2), measure, service.process().pid(), pg, false));
                            commits.merge(service, commits(service.process()).minus(before), Commits::plus);
                        }
                    }
                    StringBuilder compile = new StringBuilder();
                    for (Running service : services) {
                        compile.append(String.format(Locale.ROOT, "%s%s %.0f ms/s", compile.isEmpty() ? "" : ", ",
                                service.setup().label(), service.process().compileRate()));
                    }
                    System.out.printf(Locale.ROOT, "  %s c=%d JIT compiler CPU while measured: %s%n", db, concurrency, compile);
                    for (Running service : services) {
                        Commits c = commits.get(service);
                        Row row = new Row(db, service.setup(), median(runs.get(service)), c.count() > 0 ? c.items() / c.count() : 0);
                        medians.add(row);
                        System.out.println(row.result().row() + (row.meanBatch() > 0
                                ? String.format(Locale.ROOT, "   (mean group commit %.1f decisions)", row.meanBatch()) : ""));
                    }
                }
            } finally {
                for (Running service : services) {
                    service.process().close();
                }
            }
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nRECORDING BENCHMARK (POST /api/v1/decisions; median of %d alternating rounds of %d s)%n%s%n",
                rounds, measure.toSeconds(), LoadRun.Result.header()));
        medians.forEach(r -> table.append(r.result().row()).append('\n'));
        StringBuilder json = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < medians.size(); i++) {
            LoadRun.Result r = medians.get(i).result();
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"label\": \"%s\", \"concurrency\": %d, \"perSecond\": %.1f, \"p50Millis\": %.3f, \"p99Millis\": %.3f, \"p999Millis\": %.3f, \"errors\": %d, \"serviceCpuMicros\": %.1f, \"databaseCpuMicros\": %.1f}",
                    r.label(), r.concurrency(), r.perSecond(), r.p50Millis(), r.p99Millis(), r.p999Millis(), r.errors(),
                    r.serviceCpuMicros(), r.databaseCpuMicros()));
        }
        json.append("], \"ratios\": {");
        table.append("  ratios (throughput: the load generator shares the 2 cores; CPU per decision includes the database's):\n");
        boolean firstRatio = true;
        for (Row recording : medians.stream().filter(r -> r.setup().recording()).toList()) {
            LoadRun.Result on = recording.result();
            for (String baseline : List.of(NOT_RECORDING, NOTHING)) {
                LoadRun.Result off = medians.stream().filter(r -> r.db().equals(recording.db()) && r.setup().label().equals(baseline)
                        && r.result().concurrency() == on.concurrency()).map(Row::result).findFirst().orElse(null);
                if (off == null) {
                    continue;
                }
                double ratio = on.perSecond() / off.perSecond();
                double cpuRatio = off.cpuMicrosPerRequest() / on.cpuMicrosPerRequest();
                table.append(String.format(Locale.ROOT,
                        "    %-10s %3d connections, %s / %s: throughput %.2f%s, CPU per decision %.2f (%.0f vs %.0f us)%n",
                        recording.db(), on.concurrency(), recording.setup().label(), baseline, ratio,
                        baseline.equals(NOT_RECORDING) ? " (target >= 0.70)" : "", cpuRatio, on.cpuMicrosPerRequest(),
                        off.cpuMicrosPerRequest()));
                json.append(firstRatio ? "" : ", ").append(String.format(Locale.ROOT,
                        "\"%s %s / %s %d\": {\"throughput\": %.4f, \"cpuPerDecision\": %.4f}",
                        recording.db(), recording.setup().label(), baseline, on.concurrency(), ratio, cpuRatio));
                firstRatio = false;
            }
        }
        json.append("}}\n");
        System.out.println(table);
        Files.writeString(work.resolve("recording.json"), json);
    }

    /** The service's group commits so far (zeros if its scrape cannot be read). */
    private static Commits commits(ServiceProcess service) {
        double count = 0;
        double items = 0;
        try {
            for (String line : service.get("/actuator/prometheus").split("\n")) {
                if (line.startsWith("handoff_audit_batch_size_count")) {
                    count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("handoff_audit_batch_size_sum")) {
                    items = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (Exception e) {
            return new Commits(0, 0);
        }
        return new Commits(count, items);
    }

    /**
     * Loads the services in alternating rounds until their JIT compilers have settled: on 2 cores C2 keeps compiling
     * for minutes, and the recording service has more code to compile (the database's write path, the
     * orchestration), so a fixed short warm-up measures compilation, not recording. The first rounds run 4 clients,
     * which leaves the compiler threads a share of the cores; the last two run the first measured concurrency.
     * Settled: in a round each service's compiler threads used under 5% of a core (or {@code max} has passed;
     * said so).
     */
    private static void warmUntilCompiled(String db, List<Running> services, LoadRun.Bodies bodies,
                                          int concurrency, Duration round, Duration max) throws Exception {
        long start = System.nanoTime();
        boolean settled = false;
        int finalRounds = 0;
        for (int n = 1; ; n++) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean last = settled || elapsed > max.toSeconds();
            int clients = last ? concurrency : 4;
            StringBuilder rates = new StringBuilder();
            boolean allSettled = true;
            for (Running service : services) {
                double rate = warm(service.process(), bodies, clients, round);
                allSettled &= rate < 50;
                rates.append(String.format(Locale.ROOT, "%s%s %.0f ms/s", rates.isEmpty() ? "" : ", ", service.setup().label(), rate));
            }
            System.out.printf(Locale.ROOT, "  %s warm-up round %d (%.0f s, %d clients): JIT compiler CPU %s%n", db, n, elapsed,
                    clients, rates);
            if (last && ++finalRounds == 2) {
                if (!settled) {
                    System.out.printf(Locale.ROOT, "  %s warm-up: compilers not settled within %d s; measuring anyway%n",
                            db, max.toSeconds());
                }
                return;
            }
            settled = settled || allSettled;
        }
    }

    private static double warm(ServiceProcess service, LoadRun.Bodies bodies, int clients, Duration round) throws Exception {
        service.compileRate();
        LoadRun.run("warm-up", service.uri("/api/v1/decisions"), bodies, clients, Duration.ZERO, round, -1, false, false);
        return service.compileRate();
    }

    /** The recording service as shipped ({@code recording}) or the same endpoint without the log (for profiles). */
    static ServiceProcess start(Path work, String db, boolean recording, String postgres) throws Exception {
        return start(work, db, new Setup(recording ? RECORDING : NOT_RECORDING, recording, "", List.of("handoff.audit.recording=" + recording)),
                postgres);
    }

    private static ServiceProcess start(Path work, String db, Setup setup, String postgres) throws Exception {
        String url = db.equals("h2")
                ? BenchH2.url(work.resolve("h2-" + System.nanoTime()), System.getProperty("bench.h2-options", "") + ";" + setup.h2Options())
                : postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=bench_" + System.nanoTime();
        String schema = db.equals("h2") ? "PUBLIC" : url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + url, "spring.flyway.schemas=" + schema));
        properties.addAll(setup.properties());
        return ServiceProcess.startOn(setup.classpath(), "512m", work.resolve("service-" + db + "-" + setup.label().replace(' ', '-') + ".log"),
                properties.toArray(String[]::new));
    }

    private static LoadRun.Result median(List<LoadRun.Result> runs) {
        List<LoadRun.Result> sorted = runs.stream().sorted((a, b) -> Double.compare(a.perSecond(), b.perSecond())).toList();
        return sorted.get(sorted.size() / 2);
    }
}
