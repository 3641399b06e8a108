package io.handoff.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditProperties;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.Decided;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.engine.Ruleset;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A seeded data set for threshold tuning: support handoffs (tier 1 to tier 2, non-enterprise customers) with
 * randomly complete or incomplete packages, decided by the real ruleset, recorded through the real audit log
 * and orchestration on an H2 file database, then given outcomes by a known ground truth: a handoff scoring
 * below {@link #TRUE_CUT_OFF} is bounced back with probability 0.40, one at or above with 0.05. With the shipped
 * tuning costs (5 for a bounce above the cut-off, 1 for a needless hold below) the cheapest green cut-off of
 * POSTURE-CS-110 is therefore {@link #TRUE_CUT_OFF}, not the table's 65.
 */
public final class OutcomeDataGenerator implements AutoCloseable {
    public static final int TRUE_CUT_OFF = 55;
    private static final String[] TIERS = {"free", "pro", "business"};

    private final HikariDataSource dataSource;
    public final Orchestrator orchestrator;
    private final AuditLog auditLog;
    private final DecisionService decisions;

    public OutcomeDataGenerator(Ruleset ruleset, Path databaseFolder) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + databaseFolder.resolve("tuning-" + UUID.randomUUID()).toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setMaximumPoolSize(10);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        auditLog = new AuditLog(jdbc, transactions, new AuditProperties(true, List.of("/case/customer/email", "/case/customer/name"),
                256, 10_000, java.time.Duration.ofSeconds(30), java.time.Duration.ofHours(1), Map.of()));
        Clock clock = Clock.systemUTC();
        orchestrator = new Orchestrator(jdbc, transactions, auditLog, clock,
                new OrchestrationProperties(Map.of(), "rules/metrics.yaml"));
        decisions = new DecisionService(new ContractValidator(), RulesetRouting.fixed(() -> ruleset), clock,
                (entry, decision, contract, submittedBy) -> auditLog.append(entry, decision == null ? null : orchestrator.openings(),
                        decision == null ? null : new Orchestrator.Opening(decision, contract, true)), auditLog.masking());
    }

    /** Decides {@code count} generated contracts and reports one outcome for each; returns the decided count. */
    public int generate(int count, long seed) throws Exception {
        ObjectNode base = (ObjectNode) YAMLMapper.builder().build()
                .readTree(Files.readString(Path.of("rules/cases/cs-010-tier2-complete.yaml"))).get("contract");
        Random random = new Random(seed);
        List<byte[]> bodies = new ArrayList<>(count);
        List<Long> draws = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(contract(base, i, random).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            draws.add(random.nextLong());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Decided>> decided = new ArrayList<>();
            for (byte[] body : bodies) {
                decided.add(pool.submit(() -> decisions.decide(body)));
            }
            List<Future<?>> reported = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Decided d = decided.get(i).get();
                Random outcomeDraw = new Random(draws.get(i));
                int score = d.decision().score();
                boolean bounced = outcomeDraw.nextDouble() < (score < TRUE_CUT_OFF ? 0.40 : 0.05);
                String contractId = d.decision().contractId();
                reported.add(pool.submit(() -> orchestrator.reportOutcome(contractId, bounced ? "bounced-back" : "accepted",
                        Instant.parse("2026-11-21T12:00:00Z"), null, "generator")));
            }
            for (Future<?> f : reported) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return count;
    }

    private static ObjectNode contract(ObjectNode base, int i, Random random) {
        ObjectNode c = base.deepCopy();
        c.put("contractId", "GEN-" + i);
        IntPredicate chance = percent -> random.nextInt(100) < percent;
        ObjectNode pkg = (ObjectNode) c.get("package");
        pkg.put("summary", chance.test(75) ? "Customer cannot export invoices to CSV since the last release; spinner never ends."
                : "Export broken");
        ArrayNode steps = pkg.putArray("stepsTaken");
        if (chance.test(70)) {
            steps.add("Cleared browser cache");
        }
        if (chance.test(70)) {
            pkg.put("customerImpact", "Finance team cannot close the month.");
        } else {
            pkg.remove("customerImpact");
        }
        if (!chance.test(60)) {
            pkg.remove("attachments");
        }
        ArrayNode checklist = pkg.putArray("checklist");
        int items = random.nextInt(3);
        for (int k = 0; k < items; k++) {
            checklist.addObject().put("item", "item " + k).put("done", chance.test(70));
        }
        ObjectNode supportCase = (ObjectNode) c.get("case");
        ((ObjectNode) supportCase.get("customer")).put("tier", TIERS[random.nextInt(TIERS.length)]).put("arrAtRisk", 5_000);
        supportCase.put("sentiment", Math.round((random.nextDouble() * 2 - 1) * 100) / 100.0);
        supportCase.put("reopenCount", chance.test(20) ? 1 : 0);
        supportCase.put("handoffCount", chance.test(15) ? 2 : 0);
        int minutesLeft = new int[] {30, 120, 600}[random.nextInt(3)];
        Instant asOf = Instant.parse(c.get("asOf").asString());
        ObjectNode sla = supportCase.putObject("sla");
        sla.put("resolutionDue", asOf.plusSeconds(minutesLeft * 60L).toString());
        return c;
    }

    @Override
    public void close() {
        auditLog.close();
        dataSource.close();
    }
}
