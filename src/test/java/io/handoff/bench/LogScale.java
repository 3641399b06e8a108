package io.handoff.bench;

import io.handoff.TestKeys;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.BulkRecords;
import io.handoff.audit.Masking;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log at scale, on PostgreSQL: a fresh schema filled with N real decision records (default 1,000,000 over
 * 100,000 contract ids), then the service started on it answers searches by contract id (p50/p99 over random ids)
 * and verifies the whole chain. The schema is dropped afterwards.
 */
final class LogScale {
    record Result(long records, double appendPerSecond, double queryP50Millis, double queryP99Millis, int queries,
                  double verifySeconds, long verified, String verifyStatus, double verifyRecordsPerSecond) {
    }

    private LogScale() {
    }

    /** {@code launch}: a {@link StartupRun} launch, the one the service verifying and searching runs. */
    static Result run(String postgresUrl, int records, int contracts, Path work, String launch) throws Exception {
        String schema = "bench_log_" + System.nanoTime();
        String url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setMaximumPoolSize(2);
            // the service's own migrations, PostgreSQL's included (the body's compression and storage): the rows are laid
            // out as a service on PostgreSQL writes them, not as they would be if those migrations ran after the load
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                    .schemas(schema).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            System.out.printf(Locale.ROOT, "  appending %,d records to PostgreSQL schema %s ...%n", records, schema);
            double perSecond = BulkRecords.append(jdbc, transactions, templates(), records, contracts, 5000);
            jdbc.execute("ANALYZE audit_record");
            // the deployed process (the production launch when it is built, as for RSS), with a checkpoint sink of its
            // own: the project's ./data sink holds checkpoints of other databases, which this chain would (rightly) fail against
            try (ServiceProcess service = StartupRun.service(launch, work, work.resolve("log-scale-service.log"),
                    "spring.datasource.url=" + url, "spring.flyway.schemas=" + schema, "handoff.audit.retention-interval=1000d")) {
                HttpClient http = HttpClient.newHttpClient();
                Random random = new Random(42);
                for (int i = 0; i < 200; i++) {
                    query(http, service, random.nextInt(contracts));
                }
                int queries = 1000;
                long[] took = new long[queries];
                for (int i = 0; i < queries; i++) {
                    long start = System.nanoTime();
                    int found = query(http, service, random.nextInt(contracts));
                    took[i] = System.nanoTime() - start;
                    if (found == 0) {
                        throw new IllegalStateException("a contract id with records found nothing");
                    }
                }
                Arrays.sort(took);
                long start = System.nanoTime();
                JsonNode verify = JsonMapper.builder().build().readTree(http.send(TestKeys.request(service.uri("/api/v1/audit/verify"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                double verifySeconds = (System.nanoTime() - start) / 1e9;
                long checked = verify.get("checked").asLong();
                return new Result(records, perSecond, took[queries / 2] / 1e6, took[(int) Math.ceil(queries * 0.99) - 1] / 1e6, queries,
                        verifySeconds, checked, verify.get("status").asString(), checked / verifySeconds);
            }
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static int query(HttpClient http, ServiceProcess service, int contract) throws Exception {
        HttpResponse<String> response = http.send(TestKeys.request(service.uri(String.format(Locale.ROOT,
                "/api/v1/decisions?contractId=HC-BULK-%06d", contract))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
        }
        return JsonMapper.builder().build().readTree(response.body()).get("items").size();
    }

    /** One real record per shipped case contract, decided by the real service code on the shipped ruleset. */
    private static List<AuditEntry> templates() {
        Ruleset ruleset = new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), Path.of("decision-tables")));
        List<AuditEntry> entries = new ArrayList<>();
        DecisionService decisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(() -> ruleset), Clock.systemUTC(),
                (entry, decision, contract, submittedBy) -> entries.add(entry), new Masking(List.of("/case/customer/email", "/case/customer/name")));
        for (JsonNode contract : BenchContracts.caseContracts()) {
            decisions.decide(BenchContracts.bytes(contract));
        }
        return entries;
    }
}
