package io.handoff.ruleset;

import io.handoff.text.Shortened;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.handoff.contract.ContractValidator;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionService;
import io.handoff.decision.RulesetRouting;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.RulesetVersion;
import io.handoff.engine.SourceFile;

/**
 * From an edited folder to live traffic and back: a submitted candidate is compiled and every case is run off
 * the request path, in a child JVM with a heap cap and a time limit ({@link IsolatedCheck}); only a candidate that compiles and passes every case (the quality guardrail) can be
 * promoted, by an atomic swap. Candidates can run in shadow or as a canary first. A promoted version whose
 * share of critical decisions jumps is rolled back automatically (the reliability guardrail) and blocked.
 * The active version is shared through the database ({@link ActivePointer}): a promotion or rollback on one
 * instance is followed by every other ({@link #follow}); shadow and canary stay per instance.
 */
public final class RulesetLifecycle implements RulesetRouting, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RulesetLifecycle.class);

    private final ActiveRuleset active;
    private final RulesetArchive archive;
    private final RulesetHistory history;
    private final ShadowStore shadows;
    private final Clock clock;
    private final RolloutProperties rollout;
    private final RulesetCompiler rulesetCompiler;
    /** Decides on a given ruleset without recording: for cases and shadow evaluations. */
    private final DecisionService pureDecisions;
    private final Map<String, Candidate> candidates = new ConcurrentHashMap<>();
    private final ActivePointer pointer;
    private final KnownRulesets known;
    /** The pointer generation this instance runs; a higher one in the database means another instance changed it. */
    private volatile long generation;
    private volatile boolean canRollBack;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final IsolatedCheck check;
    private final RollbackListener rollbackListener;
    private final CheckQueue checks;
    /** Automatic rollbacks have their own thread: they must never wait behind, or be refused by, candidate checks. */
    private final ExecutorService rollbacks = Executors.newSingleThreadExecutor();
    private final ExecutorService shadowRunner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
            new ThreadPoolExecutor.DiscardPolicy());
    private final AtomicBoolean rollingBack = new AtomicBoolean();
    private volatile PostureWatch watch;
    private volatile double baselineCriticalShare;
    private volatile Ruleset shadow;
    private volatile Ruleset canary;
    private volatile int canaryPercent;

    private record Candidate(CandidateReport report, Ruleset ruleset) {
    }

    public RulesetLifecycle(ActiveRuleset active, RulesetArchive archive, RulesetHistory history, ShadowStore shadows,
                            ContractValidator validator, Clock clock, RolloutProperties rollout, RulesetCompiler rulesetCompiler,
                            ActivePointer pointer, IsolatedCheck check) {
        this(active, archive, history, shadows, validator, clock, rollout, rulesetCompiler, pointer, check, RollbackListener.NONE);
    }

    /** {@code rollbackListener}: opens what a rollback opens (a ruleset incident), in the rollback's transaction. */
    public RulesetLifecycle(ActiveRuleset active, RulesetArchive archive, RulesetHistory history, ShadowStore shadows,
                            ContractValidator validator, Clock clock, RolloutProperties rollout, RulesetCompiler rulesetCompiler,
                            ActivePointer pointer, IsolatedCheck check, RollbackListener rollbackListener) {
        this.rollbackListener = rollbackListener;
        this.active = active;
        this.archive = archive;
        this.history = history;
        this.shadows = shadows;
        this.clock = clock;
        this.rollout = rollout;
        this.rulesetCompiler = rulesetCompiler;
        this.check = check;
        this.checks = new CheckQueue(check.limits().queue(), check.limits().timeout());
        this.pureDecisions = new DecisionService(validator, active, clock);
        this.watch = new PostureWatch(rollout.window());
        this.pointer = pointer;
        this.known = new KnownRulesets(archive, rulesetCompiler);
        Ruleset folders = active.get();
        known.remember(folders);
        ActivePointer.State state = pointer.claimAtStartup(folders.version(),
                v -> RulesetVersion.names(v, folders.sources()), clock.instant());
        if (state.version().equals(folders.version())) {
            history.record(folders.version(), "activated", "service", "loaded from the configured folders at startup",
                    "{}", clock.instant());
        } else if (RulesetVersion.names(state.version(), folders.sources())) {
            // the same files, active under the name data from before cases and cell values named versions gave them
            Ruleset named = folders.named(state.version());
            active.swap(named);
            known.remember(named);
            log.info("ruleset {} is active under its earlier name {}", folders.version(), state.version());
        } else {
            active.swap(known.get(state.version()));
            log.info("ruleset {} is active on the other instances: following it instead of the configured folders ({})",
                    state.version(), folders.version());
        }
        this.generation = state.generation();
        this.canRollBack = state.canRollBack();
    }

    /**
     * Submits the rules and tables folders (with their cases) as a candidate: a copy is taken at once, then
     * checked in the background and deleted. Throws {@link CandidateQueueFullException} when the queue is full.
     */
    public CandidateReport submit(Path rules, Path tables, String actor, String reason) {
        CandidateFolder folder = CandidateFolder.copyOf(rules, tables, check.limits().workDir());
        boolean queued = false;
        try {
            List<SourceFile> sources = RuleSources.read(folder.rules(), folder.tables());
            // a case file that cannot be read fails the check on its own, saying where; the other cases still run
            int cases = CaseRunner.read(folder.rules(), folder.tables()).size();
            String version = RulesetCompiler.version(sources);
            Instant now = clock.instant();
            CandidateReport compiling = new CandidateReport(version, CandidateReport.COMPILING, actor, reason, now, List.of(),
                    0, 0, List.of(), List.of());
            Candidate fresh = new Candidate(compiling, null);
            // a rejected version may be resubmitted (its cases may have changed); a compiling or passed one is kept
            Candidate existing = candidates.compute(version, (v, old) -> old == null || CandidateReport.REJECTED.equals(old.report().status())
                    ? fresh : old);
            if (existing != fresh) {
                return existing.report();
            }
            // the check waits until "submitted" is in the history, so its outcome is always recorded after it
            CompletableFuture<Void> recorded = new CompletableFuture<>();
            try {
                checks.submit(() -> {
                    recorded.join();
                    evaluate(version, sources, folder, compiling);
                });
                queued = true;
            } catch (CandidateQueueFullException e) {
                candidates.remove(version, fresh);
                throw e;
            }
            try {
                history.record(version, "submitted", actor, reason, "{\"sources\": " + sources.stream().filter(f -> !f.isCase()).count() + ", \"cases\": " + cases + "}", now);
            } finally {
                recorded.complete(null);
            }
            return compiling;
        } finally {
            if (!queued) {
                folder.close(); // once queued, the check deletes it
            }
        }
    }

    /** Never throws: whatever happens, the candidate ends passed or rejected and its copy is deleted. */
    private void evaluate(String version, List<SourceFile> sources, CandidateFolder folder, CandidateReport submitted) {
        CandidateReport report;
        Ruleset ruleset = null;
        try (folder) {
            CheckReport checked = check.check(version, folder.rules(), folder.tables());
            if (checked.passed()) {
                // compiled here too, to be promoted, shadowed or canaried; the child already ran its cases
                ruleset = rulesetCompiler.compile(sources);
                archive.store(ruleset, clock.instant());
                known.remember(ruleset);
            } else if (checked.problems().isEmpty() && checked.failedOnCase() == null) {
                // it compiled in the child and only cases failed: kept to be tried, never to be promoted
                ruleset = rulesetCompiler.compile(sources);
            }
            report = candidateReport(checked, submitted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report = candidateReport(CheckReport.failed(version, "candidate check stopped: the service is shutting down", null),
                    submitted);
        } catch (Throwable e) {
            log.warn("candidate {} could not be evaluated", version, e);
            report = candidateReport(CheckReport.failed(version, "candidate could not be evaluated: " + FirstLine.of(e), null),
                    submitted);
        }
        // the outcome's event is written before the status shows it: a caller who reads "passed" finds its event
        // in the history (the other way round, a client polling the status could count the events a moment too early)
        recordOutcome(version, report);
        candidates.put(version, new Candidate(report, ruleset));
        if (report.passed()) {
            announcePassed(version);
        }
    }

    /** The outcome goes to the history, cut to what it holds; a failure to record it is logged, never thrown. */
    private void recordOutcome(String version, CandidateReport report) {
        try {
            String outcome = report.passed() ? report.casesPassed() + " cases passed" : String.join(" | ", report.problems().isEmpty()
                    ? report.caseFailures() : report.problems());
            history.record(version, report.passed() ? "passed" : "rejected", "service",
                    Shortened.within(outcome, 2000, "…"), "{}", clock.instant());
        } catch (RuntimeException e) {
            log.error("outcome of candidate {} ({}) could not be recorded", version, report.status(), e);
        }
    }

    /** A passed candidate is announced to the other instances once this one shows it as passed. */
    private void announcePassed(String version) {
        try {
            pointer.announcePassed(version);
        } catch (RuntimeException e) {
            log.error("passed candidate {} could not be announced to the other instances", version, e);
        }
    }

    private static CandidateReport candidateReport(CheckReport checked, CandidateReport submitted) {
        List<String> problems = new ArrayList<>(checked.problems());
        problems.addAll(checked.warnings());
        return new CandidateReport(submitted.version(), checked.passed() ? CandidateReport.PASSED : CandidateReport.REJECTED,
                submitted.submittedBy(), submitted.reason(), submitted.submittedAt(), problems, checked.casesPassed(),
                checked.casesFailed(), checked.caseFailures(), checked.uncoveredRules());
    }

    /**
     * A candidate that passed on another instance: compiled here from the archive, so that promoting it here, or
     * following its promotion there, is only a swap. Its cases ran on the instance it was submitted to.
     */
    public void prefetch(String version) {
        if (candidates.containsKey(version)) {
            return;
        }
        try {
            Ruleset ruleset = known.get(version);
            candidates.putIfAbsent(version, new Candidate(new CandidateReport(version, CandidateReport.PASSED, "service",
                    "passed on another instance; compiled here from the archive", clock.instant(), List.of(), 0, 0, List.of(),
                    List.of()), ruleset));
        } catch (RuntimeException e) {
            log.warn("candidate {} announced by another instance could not be compiled here: {}", version, e.getMessage());
        }
    }

    /** The pointer generation this instance runs. */
    public long generation() {
        return generation;
    }

    /**
     * Follows a change of the shared pointer made by another instance (or catches up after a missed one): compiles
     * the version if needed (outside the lock), then swaps. An older generation than the one running is ignored.
     */
    public void follow(ActivePointer.State state) {
        if (state.generation() <= generation) {
            return;
        }
        Ruleset next = known.get(state.version());
        synchronized (this) {
            if (state.generation() <= generation) {
                return;
            }
            Ruleset current = active.get();
            if (!current.version().equals(next.version())) {
                baselineCriticalShare = watch.criticalShare();
                active.swap(next);
                known.remember(current);
                watch = new PostureWatch(rollout.window());
                forget(next.version());
                log.info("ruleset {} {} on another instance (replaced {}): following", next.version(), state.lastEvent(),
                        current.version());
            }
            if (state.lastEvent().endsWith("rolled-back") && state.replaced() != null) {
                blocked.add(state.replaced());
            } else {
                blocked.remove(state.version());
            }
            generation = state.generation();
            canRollBack = state.canRollBack();
        }
    }

    /** A version that became active is no longer a shadow or a canary. */
    private void forget(String version) {
        if (shadow != null && shadow.version().equals(version)) {
            shadow = null;
        }
        if (canary != null && canary.version().equals(version)) {
            canary = null;
            canaryPercent = 0;
        }
    }

    /**
     * A version this instance can decide on: the active one, a candidate that compiled (passed or with failing
     * cases), or any version in the archive. Throws {@code unknown-version} for anything else.
     */
    public Ruleset find(String version) {
        Ruleset current = active.get();
        if (current.version().equals(version)) {
            return current;
        }
        Candidate candidate = candidates.get(version);
        if (candidate != null && candidate.ruleset() != null) {
            return candidate.ruleset();
        }
        if (candidate != null) { // 409: the version exists, there is nothing compiled to decide on (yet)
            throw new LifecycleException("not-compiled", CandidateReport.COMPILING.equals(candidate.report().status())
                    ? "version " + version + " is still being checked; try it once its report says passed or rejected"
                    : "version " + version + " did not compile; its report lists why");
        }
        if (known.cached(version).isEmpty() && !archive.contains(version)) {
            throw new LifecycleException("unknown-version", "no active, candidate or archived version " + version);
        }
        return known.get(version);
    }

    public CandidateReport report(String version) {
        Candidate candidate = candidates.get(version);
        if (candidate == null) {
            throw new LifecycleException("unknown-version", "no candidate with version " + version);
        }
        return candidate.report();
    }

    public List<CandidateReport> candidates() {
        return candidates.values().stream().map(Candidate::report).toList();
    }

    /**
     * Puts a passed candidate on live traffic. A change to live traffic takes two people: whoever submitted the
     * version may not promote it (nor with override). The pointer change and its history event and audit record
     * commit in one transaction; only then does this instance swap, so a promotion that fails changes nothing.
     */
    public synchronized Ruleset promote(String version, StepBy by, boolean override) {
        by.requiringReason();
        if (!candidates.containsKey(version) && history.passed(version)) {
            prefetch(version); // passed on another instance and not compiled here yet: compile it now
        }
        Candidate candidate = candidates.get(version);
        if (candidate == null || !candidate.report().passed()) {
            throw new LifecycleException("candidate-not-passed", "version " + version + " is "
                    + (candidate == null ? "unknown" : candidate.report().status()) + "; only a candidate that compiled and passed every case can be promoted");
        }
        requireSecondPerson(version, by, override ? "promote (with override)" : "promote");
        if (blocked.contains(version) && !override) {
            throw new LifecycleException("version-blocked", "version " + version + " was rolled back; promote it again only with override=true");
        }
        ShadowStore.Report shadowReport = shadows.report(version);
        if (shadowReport.compared() > 0 && shadowReport.changeRate() > rollout.maxShadowChangeRate() && !override) {
            throw new LifecycleException("shadow-change-rate", String.format("shadow changed %.1f%% of decisions, above the limit of %.1f%%",
                    100 * shadowReport.changeRate(), 100 * rollout.maxShadowChangeRate()));
        }
        double baseline = watch.criticalShare();
        Instant at = clock.instant();
        ActivePointer.State state = history.atomically(() -> {
            ActivePointer.State pushed = pointer.push(version, at);
            history.record(version, "promoted", by.principal(), by.reason(), LifecycleDetails.of("replaced", pushed.replaced(),
                    "override", override, "submittedBy", history.submitters(version)), at);
            return pushed;
        });
        Ruleset replaced = active.swap(candidate.ruleset());
        known.remember(replaced);
        generation = state.generation();
        canRollBack = state.canRollBack();
        baselineCriticalShare = baseline;
        watch = new PostureWatch(rollout.window());
        blocked.remove(version);
        forget(version);
        log.info("ruleset {} promoted by {} (replaced {})", version, by.principal(), replaced.version());
        return candidate.ruleset();
    }

    /** Refuses a change to live traffic by whoever submitted the version: it takes a second analyst or an admin. */
    private void requireSecondPerson(String version, StepBy by, String step) {
        if (history.submitters(version).contains(by.principal())) {
            throw new LifecycleException("same-submitter", by.principal() + " submitted version " + version
                    + "; a change to live traffic takes two people: another analyst or an admin must " + step + " it");
        }
    }

    /**
     * A manual rollback: any analyst or admin may return to the version that was live before (it passed review
     * when it was promoted); the history and the audit log name who did it.
     */
    public Ruleset rollback(StepBy by) {
        return rollback(null, by.requiringReason(), List.of()).orElseThrow();
    }

    /** Rolls back for every instance; with {@code expected}, only while that version is still the shared active one. */
    private synchronized Optional<Ruleset> rollback(String expected, StepBy by, List<String> evidence) {
        String event = expected == null ? "rolled-back" : "auto-rolled-back";
        Instant at = clock.instant();
        Optional<ActivePointer.State> popped = history.atomically(() -> {
            Optional<ActivePointer.State> p = pointer.pop(expected, event, at);
            p.ifPresent(s -> {
                history.record(s.replaced(), event, by.principal(), by.reason(),
                        LifecycleDetails.of("to", s.version(), "decisionIds", evidence), at);
                rollbackListener.rolledBack(new RollbackListener.RolledBack(s.replaced(), s.version(), event, by.principal(),
                        by.reason(), history.lastPromoted(s.replaced()).orElse(at), at));
            });
            return p;
        });
        if (popped.isEmpty()) {
            return Optional.empty();
        }
        ActivePointer.State state = popped.get();
        Ruleset target = known.get(state.version());
        Ruleset current = active.swap(target);
        known.remember(current);
        generation = state.generation();
        canRollBack = state.canRollBack();
        blocked.add(state.replaced());
        candidates.putIfAbsent(target.version(), new Candidate(new CandidateReport(target.version(), CandidateReport.PASSED,
                StepBy.SERVICE, "previously active", clock.instant(), List.of(), 0, 0, List.of(), List.of()), target));
        watch = new PostureWatch(rollout.window());
        log.warn("ruleset {} {} to {} by {}: {}", state.replaced(), event, target.version(), by.principal(), by.reason());
        return Optional.of(target);
    }

    /**
     * Starts ({@code enabled}) or stops evaluating a candidate beside the active version on live traffic, never
     * answering with it: no second person needed, but recorded before it takes effect.
     */
    public synchronized void shadow(String version, boolean enabled, StepBy by) {
        Ruleset next = enabled ? passedRuleset(version) : null;
        Ruleset before = shadow;
        if (next == null && before == null) {
            return; // nothing runs in shadow: nothing to stop
        }
        String subject = next != null ? next.version() : before.version();
        history.record(subject, next != null ? "shadow-started" : "shadow-stopped", by.principal(), by.reason(),
                LifecycleDetails.of("replacedShadow", before == null || before == next ? null : before.version()), clock.instant());
        shadow = next;
    }

    /**
     * Sends {@code percent} of contracts to a candidate. Starting or changing a canary to a non-zero share is a
     * change to live traffic and takes a second person; stopping it (0) does not. Recorded before it takes effect.
     */
    public synchronized void canary(String version, int percent, StepBy by) {
        if (percent < 0 || percent > 100) {
            throw new LifecycleException("bad-percent", "canary percent must be 0..100");
        }
        by.requiringReason();
        Ruleset next = version == null || percent == 0 ? null : passedRuleset(version);
        if (next != null) {
            requireSecondPerson(next.version(), by, "start or change a canary of");
        }
        Ruleset before = canary;
        if (next == null && before == null) {
            return; // no canary runs: nothing to stop
        }
        String subject = next != null ? next.version() : before.version();
        history.record(subject, next != null ? "canary-changed" : "canary-stopped", by.principal(), by.reason(),
                LifecycleDetails.of("percent", next == null ? 0 : percent, "previousVersion", before == null ? null : before.version(),
                        "previousPercent", canaryPercent), clock.instant());
        canary = next;
        canaryPercent = next == null ? 0 : percent;
    }

    /** What the rollout currently is: active version, shadow and canary candidates. */
    public record Rollout(String active, String shadow, String canary, int canaryPercent, Set<String> blocked,
                          double criticalShare, double baselineCriticalShare, int windowSize) {
    }

    public Rollout rollout() {
        Ruleset s = shadow;
        Ruleset c = canary;
        return new Rollout(active.get().version(), s == null ? null : s.version(), c == null ? null : c.version(),
                canaryPercent, new TreeSet<>(blocked), watch.criticalShare(), baselineCriticalShare, watch.size());
    }

    private Ruleset passedRuleset(String version) {
        Candidate candidate = candidates.get(version);
        if (candidate == null || !candidate.report().passed()) {
            throw new LifecycleException("candidate-not-passed", "version " + version + " has not passed its cases");
        }
        return candidate.ruleset();
    }

    @Override
    public Ruleset active() {
        return active.get();
    }

    /** A canary's share of contracts, chosen by a hash of the contract id: the same id always lands on the same side. */
    @Override
    public Ruleset forContract(String contractId) {
        Ruleset c = canary;
        if (c != null && bucket(contractId) < canaryPercent) {
            return c;
        }
        return active.get();
    }

    static int bucket(String contractId) {
        return io.handoff.decision.ContractBuckets.of(contractId);
    }

    @Override
    public void decided(Decision decision, ContractValidator.Validated contract) {
        Ruleset current = active.get();
        if (decision.rulesetVersion().equals(current.version())) {
            watch(current, decision.decisionId(), decision.posture());
        }
        Ruleset s = shadow;
        if (s != null && !s.version().equals(decision.rulesetVersion())) {
            shadowRunner.submit(() -> runShadow(s, decision, contract));
        }
    }

    @Override
    public void failed(Ruleset ruleset, String decisionId) {
        if (ruleset == active.get()) {
            watch(ruleset, decisionId, null);
        }
    }

    private void watch(Ruleset current, String decisionId, String posture) {
        PostureWatch w = watch;
        w.observe(decisionId, posture);
        boolean critical = w.criticalShare() > baselineCriticalShare + rollout.criticalShareIncrease();
        boolean failing = w.errorShare() > rollout.maxErrorShare();
        if (w.size() >= rollout.minDecisions() && canRollBack && (critical || failing)
                && rollingBack.compareAndSet(false, true)) {
            rollbacks.submit(() -> autoRollback(current, w));
        }
    }

    private void autoRollback(Ruleset suspect, PostureWatch w) {
        try {
            synchronized (this) {
                if (active.get() == suspect) {
                    rollback(suspect.version(), StepBy.service(String.format("over the last %d decisions: critical share %.0f%% (%.0f%% before promotion), "
                                    + "failed decisions %.0f%% (limit %.0f%%)", w.size(), 100 * w.criticalShare(),
                            100 * baselineCriticalShare, 100 * w.errorShare(), 100 * rollout.maxErrorShare())),
                            w.criticalDecisionIds(20));
                }
            }
        } catch (RuntimeException e) {
            log.error("automatic rollback of {} failed", suspect.version(), e);
        } finally {
            rollingBack.set(false);
        }
    }

    private void runShadow(Ruleset candidate, Decision live, ContractValidator.Validated contract) {
        try {
            Decision shadowed = pureDecisions.decide(live.decisionId(), contract, candidate, live.history()); // what live saw
            shadows.record(live.decisionId(), candidate.version(), live.rulesetVersion(), io.handoff.decision.DecisionDiff.between(live, shadowed), clock.instant());
        } catch (RuntimeException e) {
            log.warn("shadow evaluation of {} on {} failed: {}", candidate.version(), live.decisionId(), e.getMessage());
        }
    }

    public List<RulesetHistory.Event> history(int limit) {
        return history.latest(limit);
    }

    public ShadowStore.Report shadowReport(String version) {
        return shadows.report(version);
    }

    /** Every decision the candidate's shadow run changed, newest first, up to {@code limit}. */
    public List<ShadowStore.Changed> shadowChanges(String version, int limit) {
        return shadows.changes(version, limit);
    }

    @Override
    public void close() {
        checks.close();
        rollbacks.shutdownNow();
        shadowRunner.shutdownNow();
    }
}
