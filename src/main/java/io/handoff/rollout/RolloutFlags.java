package io.handoff.rollout;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.contract.HandoffContract;
import io.handoff.decision.Decision;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rollout mode of a contract, evaluated through OpenFeature: flag {@code handoff-mode} with the
 * evaluation context {domain, team, targetingKey = contract id}. The in-memory provider's targeting is the
 * rollout rules stored in the database (most specific rule wins; a percentage splits contracts by hash of
 * their id, so the same contract always gets the same mode); a real flag service can replace the provider
 * with the same flag key and context. Rules change at runtime through {@link #set}, each change an audit
 * record; every instance reloads them when the stored version moves ({@link #refresh}, polled).
 */
public final class RolloutFlags {
    public static final String FLAG = "handoff-mode";
    private static final Logger log = LoggerFactory.getLogger(RolloutFlags.class);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog auditLog;
    private final Clock clock;
    private final String defaultMode;
    private final InMemoryProvider provider;
    private final Client client;
    private final AtomicReference<List<RolloutRule>> rules = new AtomicReference<>(List.of());
    private final AtomicLong loadedVersion = new AtomicLong(-1);

    public RolloutFlags(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock, String defaultMode) {
        if (!RolloutRule.MODES.contains(defaultMode)) {
            throw new IllegalArgumentException("handoff.rollout.default-mode must be one of " + RolloutRule.MODES);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.auditLog = auditLog;
        this.clock = clock;
        this.defaultMode = defaultMode;
        this.provider = new InMemoryProvider(Map.of(FLAG, flag()));
        // a domain of our own, so several services in one JVM (tests) never share a provider
        String domain = "handoff-" + UUID.randomUUID();
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
        this.client = OpenFeatureAPI.getInstance().getClient(domain);
        refresh();
    }

    private Flag<String> flag() {
        return Flag.<String>builder()
                .variant("off", "off").variant("observe", "observe").variant("enforce", "enforce")
                .defaultVariant(defaultMode)
                .contextEvaluator((flag, context) -> resolve(context.getValue("domain") == null ? null : context.getValue("domain").asString(),
                        context.getValue("team") == null ? null : context.getValue("team").asString(), context.getTargetingKey()).mode())
                .build();
    }

    /** The mode for a contract and why, straight from the rules (the flag's targeting). */
    public Resolution resolve(String domain, String team, String contractId) {
        Optional<RolloutRule> rule = rules.get().stream().filter(r -> r.matches(domain, team))
                .max(Comparator.comparingInt(RolloutRule::specificity));
        if (rule.isEmpty()) {
            return new Resolution(defaultMode, "no rollout rule for " + domain + "/" + team + ": default mode " + defaultMode);
        }
        RolloutRule r = rule.get();
        String scope = r.domain() + "/" + r.team();
        if (r.percent() >= 100) {
            return new Resolution(r.mode(), "rule " + scope + ": " + r.mode());
        }
        int bucket = bucket(contractId);
        String mode = bucket < r.percent() ? r.mode() : r.fallbackMode();
        return new Resolution(mode, "rule " + scope + ": " + r.mode() + " for " + r.percent() + "% of contracts, else "
                + r.fallbackMode() + "; contract bucket " + bucket);
    }

    public record Resolution(String mode, String reason) {
    }

    /** The same bucket as canary routing, so a contract always falls on the same side of a split. */
    static int bucket(String contractId) {
        return io.handoff.decision.ContractBuckets.of(contractId);
    }

    /** Evaluates the flag through OpenFeature for a contract: the rollout the decision records. */
    public Decision.Rollout evaluate(HandoffContract contract) {
        MutableContext context = new MutableContext(contract.contractId());
        context.add("domain", contract.domain());
        context.add("team", contract.from().team());
        FlagEvaluationDetails<String> details = client.getStringDetails(FLAG, defaultMode, context);
        String mode = details.getValue();
        Resolution why = resolve(contract.domain(), contract.from().team(), contract.contractId());
        // variants are named after their values; the in-memory provider reports the default variant for targeted values
        return new Decision.Rollout(mode, "enforce".equals(mode), FLAG, mode,
                details.getErrorCode() == null ? why.reason() : "flag error " + details.getErrorCode() + ": default " + mode);
    }

    public List<RolloutRule> rules() {
        return rules.get();
    }

    public String defaultMode() {
        return defaultMode;
    }

    /**
     * Sets (or replaces) the rule for a domain and team at runtime; the change and who made it are an audit record
     * committed with it. Takes effect on this instance at once and on the others at their next refresh.
     */
    public RolloutRule set(String domain, String team, String mode, Integer percent, String fallbackMode, String actor,
                           String reason) {
        String d = domain == null || domain.isBlank() ? RolloutRule.ANY : domain;
        String t = team == null || team.isBlank() ? RolloutRule.ANY : team;
        int p = percent == null ? 100 : percent;
        String fallback = fallbackMode == null ? defaultMode : fallbackMode;
        if (!RolloutRule.MODES.contains(mode == null ? "" : mode) || !RolloutRule.MODES.contains(fallback)) {
            throw new IllegalArgumentException("mode and fallbackMode must be one of " + RolloutRule.MODES);
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percent must be from 0 to 100");
        }
        if (!List.of(RolloutRule.ANY, "customer-support", "product-management").contains(d)) {
            throw new IllegalArgumentException("domain must be customer-support, product-management or *");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: the audit log says why the mode changed");
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RolloutRule rule = new RolloutRule(d, t, mode, p, fallback, actor, reason, at);
        transactions.executeWithoutResult(status -> {
            auditLog.lockHead();
            Optional<RolloutRule> before = load().stream().filter(r -> r.domain().equals(d) && r.team().equals(t)).findFirst();
            jdbc.update("DELETE FROM rollout_rule WHERE domain = ? AND team = ?", d, t);
            jdbc.update("INSERT INTO rollout_rule (domain, team, mode, percent, fallback_mode, updated_by, reason, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,?)", d, t, mode, p, fallback, actor, reason, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            jdbc.update("UPDATE rollout_state SET version = version + 1 WHERE id = 1");
            String recordId = UUID.randomUUID().toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("recordId", recordId);
            body.put("kind", "flag-change");
            body.put("flag", FLAG);
            body.put("outcome", mode);
            body.put("before", before.orElse(null));
            body.put("after", rule);
            body.put("changedBy", actor);
            body.put("reason", reason);
            body.put("recordedAt", at.toString());
            auditLog.appendNow(new AuditEntry(recordId, "flag-change", null, RolloutRule.ANY.equals(d) ? null : d, null, mode,
                    null, null, null, at, JSON.writeValueAsString(body), List.of(), List.of()));
        });
        refresh();
        log.info("rollout rule {}/{} set to {} ({}% else {}) by {}: {}", d, t, mode, p, fallback, actor, reason);
        return rule;
    }

    /** Reloads the rules when the stored version moved (another instance, or this one, changed them). */
    public void refresh() {
        Long version = jdbc.queryForObject("SELECT version FROM rollout_state WHERE id = 1", Long.class);
        if (version != null && version != loadedVersion.get()) {
            rules.set(load());
            loadedVersion.set(version);
            provider.updateFlag(FLAG, flag());
        }
    }

    private List<RolloutRule> load() {
        return jdbc.query("SELECT * FROM rollout_rule ORDER BY domain, team", (rs, n) -> new RolloutRule(rs.getString("domain"),
                rs.getString("team"), rs.getString("mode"), rs.getInt("percent"), rs.getString("fallback_mode"),
                rs.getString("updated_by"), rs.getString("reason"), rs.getObject("updated_at", OffsetDateTime.class).toInstant()));
    }
}
