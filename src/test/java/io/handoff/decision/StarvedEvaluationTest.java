package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.Spin;
import io.handoff.audit.AuditEntry;
import io.handoff.audit.Masking;
import io.handoff.contract.ContractValidator;
import io.handoff.engine.Ruleset;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A starved evaluation (a time limit far too small, one evaluation thread, four callers, another process spinning on
 * every core) ends as an evaluation timeout with a fault record, or gives exactly the decision an idle machine gives:
 * never a different one. Replay within the same limit: identical, or a timeout.
 */
class StarvedEvaluationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aStarvedEvaluationTimesOutOrDecidesExactlyAsAnIdleOne() throws Exception {
        Outcomes starved = decideAll(Duration.ofMillis(1), 1);
        assertThat(starved.timeouts()).as("the starved run timed out at least once").isPositive();
        assertThat(starved.faults()).isEqualTo(starved.timeouts());
    }

    @Test
    void aGenerousLimitUnderTheSameLoadDecidesEverythingIdentically() throws Exception {
        Outcomes generous = decideAll(Duration.ofSeconds(30), 4);
        assertThat(generous.timeouts()).isZero();
        assertThat(generous.decided()).isEqualTo(3 * contracts().size());
    }

    private record Outcomes(int decided, int timeouts, int faults) {
    }

    /**
     * Decides every case contract three times from four threads under the limit, on {@code threads} evaluation threads,
     * while another process loads the CPU.
     */
    private Outcomes decideAll(Duration limit, int threads) throws Exception {
        Ruleset ruleset = ShippedRuleset.ruleset();
        ContractValidator validator = new ContractValidator();
        List<byte[]> contracts = contracts();
        Map<String, String> idle = new ConcurrentHashMap<>();
        for (byte[] contract : contracts) {
            Decision decision = ShippedRuleset.service().decide(contract).decision();
            idle.put(decision.inputHash(), normalized(decision));
        }
        List<AuditEntry> recorded = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger decided = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        Process load = Spin.start(Runtime.getRuntime().availableProcessors() * 2);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (EvaluationLimit tight = new EvaluationLimit(limit, threads)) {
            DecisionService service = new DecisionService(validator, RulesetRouting.fixed(() -> ruleset), Clock.systemUTC(),
                    (entry, decision, contract, by) -> recorded.add(entry), new Masking(List.of()), DecisionPolicy.ENFORCE,
                    HandoffLineage.NONE, null, tight);
            List<Future<?>> calls = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (byte[] contract : contracts) {
                    calls.add(callers.submit(() -> {
                        try {
                            Decided made = service.decide(Submission.of(contract));
                            assertThat(normalized(made.decision())).isEqualTo(idle.get(made.decision().inputHash()));
                            decided.incrementAndGet();
                            replayedIdentically(service, validator, made, ruleset);
                        } catch (EvaluationTimeoutException e) {
                            assertThat(e.faultId()).isNotNull();
                            timeouts.incrementAndGet();
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdownNow();
            load.destroyForcibly().waitFor();
        }
        List<AuditEntry> faults = recorded.stream().filter(e -> AuditEntry.FAULT.equals(e.kind())).toList();
        assertThat(faults).allSatisfy(f -> {
            assertThat(f.outcome()).isEqualTo("evaluation-timeout");
            assertThat(f.posture()).isNull();
            assertThat(JSON.readTree(f.body()).has("decision")).isFalse();
        });
        assertThat(recorded.stream().filter(e -> AuditEntry.DECISION.equals(e.kind())).count()).isEqualTo(decided.get());
        return new Outcomes(decided.get(), timeouts.get(), faults.size());
    }

    private static void replayedIdentically(DecisionService service, ContractValidator validator, Decided made, Ruleset ruleset) {
        ContractValidator.Validated validated = validator.read(SOURCES.get(made.decision().inputHash()));
        try {
            Decision again = service.replay(made.decision().decisionId(), validated, ruleset, made.decision().recordedAt(),
                    made.decision().history());
            assertThat(DecisionJson.write(again)).isEqualTo(made.json());
        } catch (EvaluationTimeoutException e) {
            assertThat(e.faultId()).isNull(); // a replay that timed out records nothing and decides nothing
        }
    }

    /** Each case contract's bytes by its input hash. */
    private static final Map<String, byte[]> SOURCES = new ConcurrentHashMap<>();

    private static List<byte[]> contracts() {
        List<byte[]> contracts = new ArrayList<>();
        ContractValidator validator = new ContractValidator();
        for (RuleCase ruleCase : CaseRunner.load(ShippedRuleset.RULES, ShippedRuleset.TABLES)) {
            if (validator.violations(ruleCase.contract()).isEmpty()) {
                byte[] bytes = JSON.writeValueAsBytes(ruleCase.contract());
                SOURCES.put(io.handoff.audit.CanonicalJson.sha256(ruleCase.contract()), bytes);
                contracts.add(bytes);
            }
        }
        return contracts;
    }

    /** A decision without what differs between two makings of it: its id and when it was recorded. */
    private static String normalized(Decision decision) {
        ObjectNode json = (ObjectNode) JSON.readTree(DecisionJson.write(decision));
        json.remove(List.of("decisionId", "recordedAt"));
        return json.toString();
    }
}
