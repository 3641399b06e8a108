package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * group commit with their openings (as the service does) on an H2 file database, or not recorded, alternating.
 * Prints decisions/s, the audit writer thread's CPU per decision and the mean batch size, so a change to the write
 * path can be judged in minutes instead of through the whole HTTP stack.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.WriterBenchmark}
 * (options: -Dbench.args="-Dbench.threads=4,16,48 -Dbench.seconds=10 -Dbench.rounds=3 -Dbench.openings=false -Dbench.url=jdbc:...";
 * without openings only the audit record is written).
 */
public final class WriterBenchmark {
    public static void main(String[] args) throws Exception {
        List<Integer> levels = java.util.Arrays.stream(System.getProperty("bench.threads", "4,16,48").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "10")));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "3"));
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        String url = System.getProperty("bench.url", "jdbc:h2:file:" + dir.toAbsolutePath() + "/writer-" + System.nanoTime()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        List<byte[]> bodies = BenchContracts.caseContracts().stream().map(BenchContracts::bytes).toList();
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            String vendor = url.startsWith("jdbc:h2") ? "h2" : "postgresql";
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                    .outOfOrder(true).failOnMissingLocations(false).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            try (AuditLog log = new AuditLog(jdbc, transactions, new AuditProperties(true,
                    List.of("/case/customer/email", "/case/customer/name"), 256, 10000, Duration.ofSeconds(10),
                    Duration.ofHours(1), Map.of()))) {
                Orchestrator orchestrator = new Orchestrator(jdbc, transactions, log, Clock.systemUTC(),
                        new OrchestrationProperties(Map.of(), "rules/metrics.yaml"));
                boolean openings = Boolean.parseBoolean(System.getProperty("bench.openings", "true"));
                DecisionRecorder recorder = (entry, decision, contract) -> log.append(entry,
                        decision == null || !openings ? null : orchestrator.openings(),
                        decision == null ? null : new Orchestrator.Opening(decision, contract, true));
                DecisionService recording = new DecisionService(ShippedRuleset.service().validator(),
                        RulesetRouting.fixed(ShippedRuleset::ruleset), Clock.systemUTC(), recorder, log.masking());
                DecisionService off = new DecisionService(ShippedRuleset.service().validator(),
                        RulesetRouting.fixed(ShippedRuleset::ruleset), Clock.systemUTC(), DecisionRecorder.none(), log.masking());
                Thread writer = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("audit-writer")).findFirst().orElseThrow();
                var threadBean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                System.out.println("warm-up 60 s ...");
                run(recording, bodies, 16, Duration.ofSeconds(30));
                run(off, bodies, 16, Duration.ofSeconds(30));
                System.out.printf(Locale.ROOT, "%8s %12s %12s %8s %12s %12s%n", "threads", "recording/s", "off/s", "ratio",
                        "writer us/d", "batch");
                for (int threads : levels) {
                    List<double[]> results = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        long writerCpu = threadBean.getThreadCpuTime(writer.getId());
                        long batches = log.batchesWritten();
                        long records = log.recordsWritten();
                        double on = run(recording, bodies, threads, measure);
                        double cpu = (threadBean.getThreadCpuTime(writer.getId()) - writerCpu) / 1e3
                                / Math.max(1, log.recordsWritten() - records);
                        double batch = (double) (log.recordsWritten() - records) / Math.max(1, log.batchesWritten() - batches);
                        double offRate = run(off, bodies, threads, measure);
                        results.add(new double[] {on, offRate, cpu, batch});
                    }
                    results.sort((a, b) -> Double.compare(a[0] / a[1], b[0] / b[1]));
                    double[] m = results.get(results.size() / 2);
                    System.out.printf(Locale.ROOT, "%8d %12.0f %12.0f %8.2f %12.0f %12.1f%n", threads, m[0], m[1], m[0] / m[1], m[2], m[3]);
                }
            }
        }
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
