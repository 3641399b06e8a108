package io.handoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditProperties;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.HandoffContract;
import io.handoff.decision.HistorySource;
import io.handoff.orchestration.OrchestrationProperties;
import io.handoff.orchestration.Orchestrator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the history read costs a decision, by how many handoffs its receiver got in the 30 days before asOf (the part
 * that grows: one index entry and one outcome_report probe per handoff, at most HistoryIndex's sample of 1,000). Seeds handoff_history and outcome_report (one
 * in seven handoffs bounced) on H2, and on PostgreSQL when HANDOFF_TEST_POSTGRES_URL is set; prints the median and
 * 95th percentile of one read per receiver size.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.HistoryReadBenchmark}.
 */
public final class HistoryReadBenchmark {
    private static final int[] RECEIVER_SIZES = {100, 1_000, 10_000};
    private static final int READS = 200;
    private static final Instant AS_OF = Instant.parse("2026-07-01T00:00:00Z");

    private HistoryReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run("H2", "jdbc:h2:file:./target/bench/history-" + UUID.randomUUID() + ";DB_CLOSE_ON_EXIT=FALSE", null);
        String postgres = System.getenv("HANDOFF_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            String schema = "history_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            run("PostgreSQL", postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema);
        }
    }

    private static void run(String name, String url, String schema) throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            Flyway.configure().dataSource(dataSource).schemas(schema == null ? new String[0] : new String[] {schema})
                    .locations("classpath:db/migration", "classpath:db/vendor/" + (schema == null ? "h2" : "postgresql"))
                    .outOfOrder(true).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            seed(jdbc);
            if (schema != null) {
                jdbc.execute("VACUUM ANALYZE handoff_history");
                jdbc.execute("VACUUM ANALYZE outcome_report");
            }
            try (AuditLog log = new AuditLog(jdbc, transactions, new AuditProperties(true, List.of(), 16, 64, Duration.ofSeconds(5),
                    Duration.ofHours(1), Map.of()))) {
                HistorySource history = new Orchestrator(jdbc, transactions, log, Clock.systemUTC(),
                        new OrchestrationProperties(Map.of(), "rules/metrics.yaml")).history();
                for (int size : RECEIVER_SIZES) {
                    // a new asOf for every read: H2 would otherwise answer a repeated query on unchanged tables from its cache
                    List<HandoffContract> contracts = new ArrayList<>();
                    for (int i = -READS / 4; i < READS; i++) {
                        contracts.add(contract("team-" + size, AS_OF.plusSeconds(READS + i)));
                    }
                    double[] micros = new double[READS];
                    for (int i = -READS / 4; i < READS; i++) { // a quarter of warm-up reads
                        HandoffContract contract = contracts.get(i + READS / 4);
                        long start = System.nanoTime();
                        history.read(contract);
                        if (i >= 0) {
                            micros[i] = (System.nanoTime() - start) / 1_000.0;
                        }
                    }
                    Arrays.sort(micros);
                    System.out.printf(Locale.ROOT, "%-10s receiver with %,6d handoffs in 30 days: history read median %,8.0f us, p95 %,8.0f us%n",
                            name, size, micros[READS / 2], micros[READS * 95 / 100]);
                }
            } finally {
                if (schema != null) {
                    jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /** Each receiver's handoffs spread over the 30 days before AS_OF, plus as many again before the window; 1 in 7 bounced. */
    private static void seed(JdbcTemplate jdbc) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> bounces = new ArrayList<>();
        for (int size : RECEIVER_SIZES) {
            long spacing = Duration.ofDays(60).toSeconds() / (2L * size);
            for (int n = 0; n < 2 * size; n++) {
                String id = "HB-" + size + "-" + n;
                Instant asOf = AS_OF.minusSeconds(spacing * (n + 1));
                rows.add(new Object[] {id, "customer-support:T-" + size + "-" + n % (size / 10), "team-" + size, ts(asOf), "d-" + id});
                if (n % 7 == 0) {
                    bounces.add(new Object[] {"o-" + id, id, "d-" + id, ts(asOf.plusSeconds(3600)), ts(asOf)});
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO handoff_history (contract_id, work_key, receiver_team, as_of, decision_id) VALUES (?,?,?,?,?)", rows);
        jdbc.batchUpdate("INSERT INTO outcome_report (id, contract_id, decision_id, kind, occurred_at, reported_by, recorded_at) "
                + "VALUES (?,?,?,'bounced-back',?,'bench',?)", bounces);
        // as HandoffStore#insertOutcome keeps it (V30)
        jdbc.update("UPDATE handoff_history SET bounced_at = (SELECT MIN(o.occurred_at) FROM outcome_report o "
                + "WHERE o.contract_id = handoff_history.contract_id AND o.kind = 'bounced-back')");
    }

    private static HandoffContract contract(String receiver, Instant asOf) throws Exception {
        ObjectNode contract = (ObjectNode) JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("src/test/resources/api/history/tier1-to-tier2.json")));
        contract.put("contractId", "HB-NEW-" + receiver).put("asOf", asOf.toString());
        ((ObjectNode) contract.get("to")).put("team", receiver);
        ((ObjectNode) contract.get("case")).put("ticketId", "T-" + receiver.substring(5) + "-3");
        ((ObjectNode) contract.at("/case/sla")).put("firstResponseDue", asOf.plusSeconds(3600).toString())
                .put("resolutionDue", asOf.plusSeconds(86_400).toString());
        return new ContractValidator().read(contract.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).contract();
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
