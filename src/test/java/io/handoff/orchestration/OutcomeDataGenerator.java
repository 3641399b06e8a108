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
 * A seeded data set for the scorecard and threshold tuning, in both domains: support handoffs (tier 1 to tier 2,
 * non-enterprise customers) and product specs (spec to engineering) with randomly complete or incomplete packages,
 * decided by the real ruleset, recorded through the real audit log and orchestration on an H2 file database, the first
 * {@link #OBSERVE_SHARE} of each domain in observe mode (recorded, not enforced) and the rest enforced; then given
 * outcomes by a known ground truth per domain.
 * <p>Bounce-back: a handoff scoring below its domain's true cut-off ({@link #SUPPORT_TRUE_CUT_OFF} for support,
 * {@link #PRODUCT_TRUE_CUT_OFF} for product) bounces back with probability 0.40, one at or above with 0.05 (observe-mode
 * handoffs 0.10 more: the period before the rules were enforced, the measured baseline). With the shipped tuning costs
 * (5 for a bounce above the cut-off, 1 for a needless hold below: break-even at a bounce rate of 1/6) the cheapest green
 * cut-off of POSTURE-CS-110 (table: 65) and POSTURE-PM-010 (table: 70) is therefore the true one.
 * <p>The other outcomes do not depend on the score: support handoffs are reopened (0.10) or breach their SLA (0.05);
 * product items not bounced ship (0.75) or slip by 1..30 days, a shipped launch is rolled back (0.06) and reports its
 * declared success metric, which meets its target with probability 0.60.
 */
public final class OutcomeDataGenerator implements AutoCloseable {
    public static final int SUPPORT_TRUE_CUT_OFF = 75;
    public static final int PRODUCT_TRUE_CUT_OFF = 80;
    /** The share of each domain's handoffs decided in observe mode: the window baselines are measured from. */
    public static final double OBSERVE_SHARE = 0.30;
    /** The share of generated handoffs that are product specs. */
    public static final double PRODUCT_SHARE = 0.40;
    private static final String[] TIERS = {"free", "pro", "business"};
    private static final Instant OCCURRED = Instant.parse("2026-11-21T12:00:00Z");

    private final HikariDataSource dataSource;
    public final Orchestrator orchestrator;
    private final AuditLog auditLog;
    private final DecisionService enforced;
    private final DecisionService observed;

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
        enforced = decisions(ruleset, clock, true);
        observed = decisions(ruleset, clock, false);
    }

    private DecisionService decisions(Ruleset ruleset, Clock clock, boolean enforce) {
        return new DecisionService(new ContractValidator(), RulesetRouting.fixed(() -> ruleset), clock,
                (entry, decision, contract, submittedBy) -> auditLog.append(entry, decision == null ? null : orchestrator.openings(),
                        decision == null ? null : new Orchestrator.Opening(decision, contract, enforce)), auditLog.masking());
    }

    /** Decides {@code count} generated contracts of both domains and reports their outcomes; returns the decided count. */
    public int generate(int count, long seed) throws Exception {
        ObjectNode support = base("rules/cases/cs-010-tier2-complete.yaml");
        ObjectNode product = base("rules/cases/pm-010-spec-complete.yaml");
        Random random = new Random(seed);
        int products = (int) Math.round(count * PRODUCT_SHARE);
        int supports = count - products;
        List<byte[]> bodies = new ArrayList<>(count);
        List<Boolean> observe = new ArrayList<>(count);
        List<Long> draws = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean isProduct = i >= supports;
            ObjectNode c = isProduct ? productContract(product, i, random) : contract(support, i, random);
            bodies.add(c.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            int indexInDomain = isProduct ? i - supports : i;
            observe.add(indexInDomain < (isProduct ? products : supports) * OBSERVE_SHARE);
            draws.add(random.nextLong());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Decided>> decided = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] body = bodies.get(i);
                DecisionService service = observe.get(i) ? observed : enforced;
                decided.add(pool.submit(() -> service.decide(body)));
            }
            List<Future<?>> reported = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Decided d = decided.get(i).get();
                List<OutcomeDetails> outcomes = outcomes(d, observe.get(i), new Random(draws.get(i)));
                reported.add(pool.submit(() -> {
                    outcomes.forEach(o -> orchestrator.reportOutcome(o, "generator"));
                    return null;
                }));
            }
            for (Future<?> f : reported) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return count;
    }

    /** The outcomes the ground truth gives one decided handoff, drawn from its own seeded generator. */
    private static List<OutcomeDetails> outcomes(Decided d, boolean observe, Random draw) {
        String id = d.decision().contractId();
        int score = d.decision().score();
        boolean product = id.startsWith("GEN-PM-");
        int truth = product ? PRODUCT_TRUE_CUT_OFF : SUPPORT_TRUE_CUT_OFF;
        double bounce = (score < truth ? 0.40 : 0.05) + (observe ? 0.10 : 0);
        List<OutcomeDetails> outcomes = new ArrayList<>();
        if (draw.nextDouble() < bounce) {
            outcomes.add(report(id, "bounced-back", 0, product ? "unclear-scope" : "missing-info", null, null, null));
            return outcomes;
        }
        outcomes.add(report(id, "accepted", 0, null, null, null, null));
        if (!product) {
            if (draw.nextDouble() < 0.10) {
                outcomes.add(report(id, "reopened", 2, null, null, null, null));
            }
            if (draw.nextDouble() < 0.05) {
                outcomes.add(report(id, "sla-breached", 3, null, null, null, null));
            }
            return outcomes;
        }
        if (draw.nextDouble() >= 0.75) {
            outcomes.add(report(id, "slipped", 20, null, 1 + draw.nextInt(30), null, null));
            return outcomes;
        }
        outcomes.add(report(id, "shipped", 30, null, null, null, null));
        if (draw.nextDouble() < 0.06) {
            outcomes.add(report(id, "launch-rolled-back", 31, null, null, null, null));
        }
        if (d.decision().contributions().stream().anyMatch(c -> c.ruleId().equals("SCORE-PM-030"))) {
            // declared: export tickets per month, baseline 120, target 30 (lower is better)
            double value = draw.nextDouble() < 0.60 ? 10 + draw.nextInt(20) : 40 + draw.nextInt(60);
            outcomes.add(report(id, "success-metric-reported", 60, null, null, "export tickets per month", value));
        }
        return outcomes;
    }

    private static OutcomeDetails report(String id, String kind, int days, String reason, Integer slipDays, String metric,
                                         Double value) {
        return new OutcomeDetails(id, kind, OCCURRED.plus(java.time.Duration.ofDays(days)), null, reason, slipDays, metric, value);
    }

    private static ObjectNode base(String file) throws java.io.IOException {
        return (ObjectNode) YAMLMapper.builder().build().readTree(Files.readString(Path.of(file))).get("contract");
    }

    private static ObjectNode productContract(ObjectNode base, int i, Random random) {
        ObjectNode c = base.deepCopy();
        c.put("contractId", "GEN-PM-" + i);
        IntPredicate chance = percent -> random.nextInt(100) < percent;
        ObjectNode pkg = (ObjectNode) c.get("package");
        if (!chance.test(75)) {
            pkg.put("problemStatement", "Invoices are hard to export.");
        }
        if (!chance.test(70)) {
            ((ObjectNode) pkg.get("checklist").get(0)).put("done", false);
        }
        ObjectNode item = (ObjectNode) c.get("workItem");
        item.put("id", "PRD-" + i);
        if (!chance.test(70)) {
            item.putArray("acceptanceCriteria").add("Exports invoices");
        }
        if (!chance.test(65)) {
            item.putArray("successMetrics");
        }
        if (!chance.test(70)) {
            item.remove("designDocUrl");
        }
        if (!chance.test(70)) {
            item.putArray("openQuestions").add("Which formats first?");
        }
        if (!chance.test(60)) {
            ArrayNode signOffs = item.putArray("signOffs");
            signOffs.addObject().put("role", "design").put("by", "Ana");
        }
        return c;
    }

    private static ObjectNode contract(ObjectNode base, int i, Random random) {
        ObjectNode c = base.deepCopy();
        c.put("contractId", "GEN-CS-" + i);
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
