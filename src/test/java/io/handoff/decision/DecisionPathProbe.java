package io.handoff.decision;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.handoff.ShippedRuleset;
import io.handoff.audit.Masking;
import io.handoff.contract.ContractValidator;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decision path without HTTP or database, as the service runs it: validate, hash, evaluate, assemble, decision
 * JSON, masking and audit body (recorded nowhere). For {@code io.handoff.bench.DecisionPathBenchmark}, which loads it
 * once per build of the service; in this package for {@link RulesetRouting#fixed}.
 */
public final class DecisionPathProbe {
    private static DecisionService service;
    private static List<byte[]> bodies;

    /** CPU microseconds of the calling thread per decision, over {@code n} decisions of the shipped case contracts. */
    public static double microsPerDecision(int n) {
        if (service == null) {
            ContractValidator validator = new ContractValidator();
            service = new DecisionService(validator, RulesetRouting.fixed(ShippedRuleset::ruleset), Clock.systemUTC(),
                    DecisionRecorder.none(), new Masking(List.of("/case/customer/email", "/case/customer/name")));
            JsonMapper json = JsonMapper.builder().build();
            bodies = CaseRunner.load(Path.of("rules"), Path.of("decision-tables")).stream().map(RuleCase::contract)
                    .filter(c -> validator.violations(c).isEmpty()).map(json::writeValueAsBytes).toList();
        }
        var threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            service.decide(bodies.get(i % bodies.size()));
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }
}
