package io.handoff.rollout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.handoff.audit.AuditLog;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.ContractViolationException;
import io.handoff.contract.HandoffContract;
import io.handoff.contract.Violation;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionPolicy;
import io.handoff.decision.DecisionService;
import io.handoff.decision.NotEnabledException;
import io.handoff.decision.PreflightFailedException;
import io.handoff.engine.Ruleset;
import io.handoff.orchestration.OrchestrationProperties;
import io.handoff.ruleset.CaseResult;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.GateRoles;
import io.handoff.ruleset.RuleCase;
import io.handoff.ruleset.RulesetLifecycle;

/**
 * Checks made before a decision, and on demand without one. Service level: the active ruleset is healthy
 * (compiled, its cases pass), whether it was reached by a rollback (soft: decisions go on with the fallback),
 * the audit store takes writes, and every gate role of the active ruleset has a configured approver. For a contract, also: the
 * schema, the rollout mode that would apply, and whether every approver role the decision would need has a
 * configured approver. As the {@link DecisionPolicy} of the decision path it applies the rollout mode and
 * refuses, naming the check, a decision that fails a hard check (ruleset, approvers) before it is recorded.
 */
public final class Preflight implements DecisionPolicy {
    private final RolloutFlags flags;
    private final RulesetLifecycle lifecycle;
    private final AuditLog auditLog;
    private final OrchestrationProperties approvers;
    private final ContractValidator validator;
    private final DecisionService evaluator;
    private final Supplier<List<RuleCase>> cases;
    private final Map<String, CaseSummary> casesByVersion = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CaseSummary>> runningByVersion = new ConcurrentHashMap<>();
    private final Set<String> coveredRoles;
    private final Map<String, List<String>> uncoveredByVersion = new ConcurrentHashMap<>();

    public Preflight(RolloutFlags flags, RulesetLifecycle lifecycle, AuditLog auditLog, OrchestrationProperties approvers,
                     ContractValidator validator, Clock clock, Supplier<List<RuleCase>> cases) {
        this.flags = flags;
        this.lifecycle = lifecycle;
        this.auditLog = auditLog;
        this.approvers = approvers;
        this.validator = validator;
        this.evaluator = new DecisionService(validator, lifecycle::active, clock);
        this.cases = cases;
        this.coveredRoles = approvers.coveredRoles();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String name, boolean ok, boolean hard, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(boolean ok, List<String> failed, List<Check> checks, String mode, String modeReason,
                         String rulesetVersion, List<Violation> violations, List<String> requiredApproverRoles) {
    }

    public record CaseSummary(int cases, int passed, List<String> failing) {
    }

    /** The service-level checks, for operators. */
    public Report service() {
        List<Check> checks = new ArrayList<>();
        checks.add(rulesetCheck(lifecycle.active()));
        checks.add(rollbackCheck());
        checks.add(auditCheck());
        checks.add(directoryCheck(lifecycle.active()));
        return report(checks, null, null, lifecycle.active().version(), null, null);
    }

    /** Every check for one contract, without recording a decision. */
    public Report contract(byte[] body) {
        List<Check> checks = new ArrayList<>();
        ContractValidator.Validated validated;
        try {
            validated = validator.read(body);
        } catch (ContractViolationException e) {
            checks.add(new Check("schema", false, true, e.violations().size() + " violation(s) of the contract schema"));
            return report(checks, null, null, lifecycle.active().version(), e.violations(), null);
        }
        checks.add(new Check("schema", true, true, "the contract is valid"));
        HandoffContract contract = validated.contract();
        RolloutFlags.Resolution mode = flags.resolve(contract.domain(), contract.from().team(), contract.contractId());
        checks.add(new Check("rollout", !"off".equals(mode.mode()), true, mode.reason()));
        Ruleset ruleset = lifecycle.forContract(contract.contractId());
        checks.add(rulesetCheck(ruleset));
        checks.add(rollbackCheck());
        checks.add(auditCheck());
        Decision decision = evaluator.decide(UUID.randomUUID().toString(), validated, ruleset);
        Set<String> roles = requiredRoles(decision);
        checks.add(approverCheck(roles));
        return report(checks, mode.mode(), mode.reason(), ruleset.version(), null, List.copyOf(roles));
    }

    private static Report report(List<Check> checks, String mode, String reason, String version, List<Violation> violations,
                                 List<String> roles) {
        List<String> failed = checks.stream().filter(c -> !c.ok()).map(Check::name).toList();
        return new Report(checks.stream().noneMatch(c -> !c.ok() && c.hard()), failed, checks, mode, reason, version, violations, roles);
    }

    /**
     * The cases' result for the version; while they run in the background ({@link #warmInBackground}), waits for them:
     * nothing that needs the answer (a decision, the preflight report) goes ahead without it.
     */
    private CaseSummary summary(Ruleset ruleset) {
        CompletableFuture<CaseSummary> running = runningByVersion.get(ruleset.version());
        if (running != null) {
            return running.join();
        }
        CaseSummary summary = casesByVersion.computeIfAbsent(ruleset.version(), v -> fromCandidate(v).orElse(null));
        return summary != null ? summary : warm(ruleset);
    }

    /** Whether the version's cases are still running (then empty), else their result, without waiting. */
    public Optional<CaseSummary> cases(Ruleset ruleset) {
        CompletableFuture<CaseSummary> running = runningByVersion.get(ruleset.version());
        if (running != null && !running.isDone()) {
            return Optional.empty();
        }
        return Optional.of(summary(ruleset));
    }

    private Check rulesetCheck(Ruleset ruleset) {
        CaseSummary summary = summary(ruleset);
        boolean ok = summary.passed() == summary.cases();
        String detail = "version " + ruleset.version().substring(0, 12) + ": compiled, " + summary.passed() + "/" + summary.cases()
                + " cases pass" + (summary.failing().isEmpty() ? "" : " (failing: " + summary.failing() + ")");
        return new Check("ruleset", ok, true, detail);
    }

    /**
     * Soft: whether the service runs on a fallback because the last lifecycle step was a rollback. Decisions go
     * on (the fallback is the last stable version); operators and analysts should look.
     */
    private Check rollbackCheck() {
        List<io.handoff.ruleset.RulesetHistory.Event> last;
        try {
            last = lifecycle.history(1);
        } catch (RuntimeException e) {
            return new Check("rollback", false, false, "the ruleset history cannot be read: " + e.getMessage());
        }
        return last.stream().findFirst()
                .filter(event -> event.event().contains("roll"))
                .map(event -> new Check("rollback", false, false, "running on fallback version "
                        + lifecycle.active().version().substring(0, 12) + " since " + event.event() + " of " + event.version().substring(0, 12)
                        + " by " + event.actor() + " at " + event.at() + ": " + event.reason()))
                .orElse(new Check("rollback", true, false, "the active version was promoted, not reached by a rollback"));
    }

    /** A promoted candidate ran its cases when it was submitted: use that report instead of running them again. */
    private java.util.Optional<CaseSummary> fromCandidate(String version) {
        return lifecycle.candidates().stream().filter(c -> c.version().equals(version) && !"compiling".equals(c.status()))
                .findFirst().map(c -> new CaseSummary(c.casesPassed() + c.casesFailed(), c.casesPassed(), c.caseFailures()));
    }

    private CaseSummary runCases(Ruleset ruleset) {
        List<CaseResult> results = new CaseRunner(evaluator).runAll(cases.get(), ruleset);
        return new CaseSummary(results.size(), (int) results.stream().filter(CaseResult::passed).count(),
                results.stream().filter(r -> !r.passed()).map(CaseResult::name).toList());
    }

    /**
     * Hard: every approver role a gate of the active ruleset can require is held by some configured approver; otherwise
     * every contract meeting that gate is refused (503 preflight-failed), so the service is not ok. Names each gate.
     */
    private Check directoryCheck(Ruleset ruleset) {
        List<String> uncovered = uncoveredByVersion.computeIfAbsent(ruleset.version(),
                v -> GateRoles.uncovered(ruleset.sources(), coveredRoles));
        String configured = approvers.approvers().size() + " approvers configured, holding roles " + coveredRoles;
        return new Check("approverDirectory", uncovered.isEmpty(), true, uncovered.isEmpty()
                ? configured + "; every gate role of the active ruleset is held"
                : configured + "; " + uncovered.size() + " gate role(s) held by nobody: " + String.join("; ", uncovered));
    }

    private Check auditCheck() {
        String problem = auditLog.writeProblem();
        return new Check("auditStore", problem == null, true, problem == null ? "the audit store takes writes" : problem);
    }

    private Check approverCheck(Set<String> roles) {
        Set<String> missing = new TreeSet<>(roles);
        missing.removeAll(coveredRoles);
        return new Check("approvers", missing.isEmpty(), true, roles.isEmpty() ? "no approval gates needed"
                : missing.isEmpty() ? "every required role has a configured approver: " + roles
                : "no configured approver holds " + missing);
    }

    private static Set<String> requiredRoles(Decision decision) {
        Set<String> roles = new TreeSet<>();
        if ("accept-pending-approval".equals(decision.outcome())) {
            decision.approvals().forEach(a -> roles.add(a.approverRole()));
        }
        return roles;
    }

    // ---- the decision path

    @Override
    public Decision.Rollout rollout(HandoffContract contract) {
        Decision.Rollout rollout = flags.evaluate(contract);
        if ("off".equals(rollout.mode())) {
            throw new NotEnabledException(contract.domain(), contract.from().team(), "The handoff decision service is not "
                    + "enabled for team '" + contract.from().team() + "' in " + contract.domain() + " (" + rollout.reason() + ")");
        }
        return rollout;
    }

    @Override
    public void check(Decision decision) {
        // on every decision: two lookups; the explanations are built only for a refusal
        Ruleset ruleset = lifecycle.active();
        if (decision.rulesetVersion().equals(ruleset.version())) {
            CaseSummary summary = summary(ruleset);
            if (summary.passed() != summary.cases()) {
                throw new PreflightFailedException("ruleset", rulesetCheck(ruleset).detail());
            }
        }
        if (decision.enforced() && "accept-pending-approval".equals(decision.outcome())
                && !decision.approvals().stream().allMatch(a -> coveredRoles.contains(a.approverRole()))) {
            throw new PreflightFailedException("approvers", approverCheck(requiredRoles(decision)).detail());
        }
    }

    /** Runs the cases on a ruleset once (warming its first evaluations) and keeps the result for the health check. */
    public CaseSummary warm(Ruleset ruleset) {
        CaseSummary summary = runCases(ruleset);
        casesByVersion.put(ruleset.version(), summary);
        return summary;
    }

    /**
     * {@link #warm} on a thread of its own, so the service is ready before the cases have run: until they end, a
     * decision on this version waits for them (and is refused if one fails), {@link #cases} says they are pending.
     * A case run that throws counts as every case failing: the version never decides unchecked.
     */
    public CompletableFuture<CaseSummary> warmInBackground(Ruleset ruleset) {
        CompletableFuture<CaseSummary> running = new CompletableFuture<>();
        runningByVersion.put(ruleset.version(), running);
        Thread thread = new Thread(() -> {
            CaseSummary summary;
            try {
                summary = warm(ruleset);
            } catch (RuntimeException | Error e) {
                summary = new CaseSummary(1, 0, List.of("the cases could not be run: " + e));
                casesByVersion.put(ruleset.version(), summary);
            }
            running.complete(summary);
            runningByVersion.remove(ruleset.version(), running);
        }, "ruleset-cases");
        thread.setDaemon(true);
        thread.start();
        return running;
    }
}
