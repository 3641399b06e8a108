package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.handoff.ShippedRuleset;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditProperties;
import io.handoff.decision.DecisionRecorder;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.orchestration.OrchestrationProperties;
import io.handoff.orchestration.Orchestrator;

/**
 * The cost of recording without HTTP: decisions decided in this JVM by N threads, recorded through the audit log's
 * group commit with their openings (as the service does), or not recorded, in alternating rounds. Prints decisions/s,
 * the audit writer thread's CPU per decision, the mean batch size, the CPU of this JVM (and of PostgreSQL's processes)
 * per decision, so a change to the write path can be judged in minutes instead of through the whole HTTP stack.
 * Given a second database ({@code bench.url-b}) it records to both in alternating rounds and prints B's writer and
 * database CPU relative to A's, paired round by round: on a machine whose speed drifts, only such ratios hold.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.WriterBenchmark}
 * (options: -Dbench.args="-Dbench.threads=4,16,48 -Dbench.seconds=10 -Dbench.rounds=3 -Dbench.warmup=60
 * -Dbench.openings=false -Dbench.url=jdbc:... -Dbench.url-b=jdbc:... -Dbench.openings-b=false"; without openings only the
 * audit record is written; {@code bench.sql} / {@code bench.sql-b}: statements separated by {@code ;} run on A / B after
 * its migrations, to try a schema change, given as {@code @file} since bench.args splits on spaces, e.g. {@code -Dbench.sql-b=@b.sql}).
 */
public final class WriterBenchmark {
    private static final long SELF = ProcessHandle.current().pid();

    public static void main(String[] args) throws Exception {
        List<Integer> levels = java.util.Arrays.stream(System.getProperty("bench.threads", "4,16,48").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "10")));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "3"));
        long warmup = Long.parseLong(System.getProperty("bench.warmup", "60"));
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("A", System.getProperty("bench.url", BenchH2.url(dir.resolve("writer-" + System.nanoTime()))));
        if (System.getProperty("bench.url-b") != null) {
            urls.put("B", System.getProperty("bench.url-b"));
        }
        List<byte[]> bodies = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
        List<Target> targets = new ArrayList<>();
        try {
            for (Map.Entry<String, String> url : urls.entrySet()) {
                targets.add(Target.open(url.getKey(), url.getValue()));
                System.out.println(url.getKey() + ": " + url.getValue());
            }
            DecisionService off = new DecisionService(ShippedRuleset.service().validator(),
                    RulesetRouting.fixed(ShippedRuleset::ruleset), Clock.systemUTC(), DecisionRecorder.none(),
                    targets.get(0).log().masking());
            System.out.println("warm-up " + warmup + " s ...");
            for (Target target : targets) {
                run(target.recording(), bodies, 16, Duration.ofSeconds(warmup / (targets.size() + 1)));
            }
            run(off, bodies, 16, Duration.ofSeconds(warmup / (targets.size() + 1)));
            System.out.printf(Locale.ROOT, "%-3s %7s %12s %12s %12s %8s %12s %12s %12s%n", "db", "threads", "recorded/s",
                    "writer us/d", "batch", "jvm us/d", "db us/d", "off/s", "off jvm us/d");
            for (int threads : levels) {
                List<List<double[]>> results = new ArrayList<>();
                targets.forEach(t -> results.add(new ArrayList<>()));
                List<Double> offRates = new ArrayList<>();
                List<Double> offCpu = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (int t = 0; t < targets.size(); t++) {
                        results.get(t).add(targets.get(t).measure(bodies, threads, measure));
                    }
                    long jvm = CpuMeter.processNanos(SELF);
                    double offRate = run(off, bodies, threads, measure);
                    offRates.add(offRate);
                    offCpu.add((CpuMeter.processNanos(SELF) - jvm) / 1e3 / (offRate * measure.toMillis() / 1000.0));
                }
                for (int t = 0; t < targets.size(); t++) {
                    double[] m = median(results.get(t), 0);
                    System.out.printf(Locale.ROOT, "%-3s %7d %12.0f %12.0f %12.1f %8.0f %12.0f %12.0f %12.0f%n",
                            targets.get(t).name(), threads, m[0], m[1], m[2], m[3], m[4], medianOf(offRates), medianOf(offCpu));
                }
                if (targets.size() == 2) {
                    List<Double> writer = new ArrayList<>();
                    List<Double> total = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        double[] a = results.get(0).get(r);
                        double[] b = results.get(1).get(r);
                        writer.add(b[1] / a[1]);
                        total.add((b[3] + b[4]) / (a[3] + a[4]));
                    }
                    System.out.printf(Locale.ROOT, "    B / A, paired by round (median): writer CPU per decision %.2f, "
                            + "JVM + database CPU per decision %.2f%n", medianOf(writer), medianOf(total));
                }
            }
        } finally {
            for (Target target : targets) {
                target.close();
            }
        }
    }

    /** One database with its audit log and a decision service recording to it. */
    private record Target(String name, HikariDataSource dataSource, AuditLog log, DecisionService recording, Thread writer,
                          boolean postgres) implements AutoCloseable {
        static Target open(String name, String url) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            String vendor = url.startsWith("jdbc:h2") ? "h2" : "postgresql";
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                    .outOfOrder(true).failOnMissingLocations(false).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            String statements = System.getProperty(name.equals("B") ? "bench.sql-b" : "bench.sql", "");
            if (statements.startsWith("@")) { // a file: bench.args splits on spaces
                try {
                    statements = Files.readString(Path.of(statements.substring(1)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            for (String sql : statements.split(";")) {
                if (!sql.isBlank()) {
                    jdbc.execute(sql);
                    System.out.println(name + " after its migrations: " + sql.trim());
                }
            }
            DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
            manager.addListener(new io.handoff.H2Durability(jdbc)); // as the service: on H2 every commit is stored before it returns
            TransactionTemplate transactions = new TransactionTemplate(manager);
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            AuditLog log = new AuditLog(jdbc, transactions, new AuditProperties(true,
                    List.of("/case/customer/email", "/case/customer/name"), 256, 10000, Duration.ofSeconds(10),
                    Duration.ofHours(1), Map.of()));
            Thread writer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("audit-writer") && !before.contains(t)).findFirst().orElseThrow();
            Orchestrator orchestrator = new Orchestrator(jdbc, transactions, log, Clock.systemUTC(),
                    new OrchestrationProperties(Map.of(), "rules/metrics.yaml"));
            boolean openings = Boolean.parseBoolean(System.getProperty(name.equals("B") ? "bench.openings-b" : "bench.openings",
                    System.getProperty("bench.openings", "true")));
            DecisionRecorder recorder = (entry, decision, contract, submittedBy) -> log.append(entry,
                    decision == null || !openings ? null : orchestrator.openings(),
                    decision == null ? null : new Orchestrator.Opening(decision, contract, true));
            DecisionService recording = new DecisionService(ShippedRuleset.service().validator(),
                    RulesetRouting.fixed(ShippedRuleset::ruleset), Clock.systemUTC(), recorder, log.masking());
            return new Target(name, dataSource, log, recording, writer, vendor.equals("postgresql"));
        }

        /** {decisions/s, writer us/decision, batch size, JVM us/decision, database us/decision}. */
        double[] measure(List<byte[]> bodies, int threads, Duration measure) throws InterruptedException {
            var threadBean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long writerCpu = threadBean.getThreadCpuTime(writer.getId());
            long batches = log.batchesWritten();
            long records = log.recordsWritten();
            long jvm = CpuMeter.processNanos(SELF);
            long db = postgres ? CpuMeter.postgresNanos() : 0;
            double rate = run(recording, bodies, threads, measure);
            double decided = Math.max(1, log.recordsWritten() - records);
            return new double[] {rate, (threadBean.getThreadCpuTime(writer.getId()) - writerCpu) / 1e3 / decided,
                    decided / Math.max(1, log.batchesWritten() - batches), (CpuMeter.processNanos(SELF) - jvm) / 1e3 / decided,
                    postgres ? (CpuMeter.postgresNanos() - db) / 1e3 / decided : 0};
        }

        @Override
        public void close() {
            log.close();
            dataSource.close();
        }
    }

    private static double[] median(List<double[]> rows, int by) {
        List<double[]> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Double.compare(a[by], b[by]));
        return sorted.get(sorted.size() / 2);
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static double run(DecisionService service, List<byte[]> bodies, int threads, Duration duration)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                for (int i = id; !stop.get(); i++) {
                    service.decide(bodies.get(i % bodies.size()));
                    done.increment();
                }
            });
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return done.sum() / (duration.toMillis() / 1000.0);
    }
}
