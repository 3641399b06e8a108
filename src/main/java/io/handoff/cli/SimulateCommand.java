package io.handoff.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.handoff.contract.ContractValidator;
import io.handoff.contract.ContractViolationException;
import io.handoff.contract.MalformedContractException;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionDiff;
import io.handoff.decision.DecisionService;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Decides a file of contracts on two ruleset folders and prints the KPI table and what changed. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Decide every contract of an NDJSON file with ruleset A and ruleset B; print outcome, posture and route "
                + "distributions of each and the contracts whose decision changed.")
final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "contracts, one JSON object per line")
    Path contracts;

    @Option(names = "--a", required = true, split = ",", description = "ruleset A: <rules folder>,<tables folder>")
    List<Path> a;

    @Option(names = "--b", required = true, split = ",", description = "ruleset B: <rules folder>,<tables folder>")
    List<Path> b;

    @Override
    public Integer call() throws Exception {
        Ruleset rulesetA = new RulesetCompiler().compile(RuleSources.read(a.toArray(Path[]::new)));
        Ruleset rulesetB = new RulesetCompiler().compile(RuleSources.read(b.toArray(Path[]::new)));
        ContractValidator validator = new ContractValidator();
        DecisionService service = new DecisionService(validator, () -> rulesetA, Clock.systemUTC());
        Map<String, int[]> kpis = new TreeMap<>();
        List<String> changed = new ArrayList<>();
        int decided = 0;
        int invalid = 0;
        int line = 0;
        for (String text : Files.readAllLines(contracts, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            ContractValidator.Validated contract;
            try {
                contract = validator.read(text.getBytes(StandardCharsets.UTF_8));
            } catch (ContractViolationException | MalformedContractException e) {
                invalid++;
                System.out.println("line " + line + ": skipped, not a valid contract: " + e.getMessage());
                continue;
            }
            Decision da = service.decide("sim-a-" + line, contract, rulesetA);
            Decision db = service.decide("sim-b-" + line, contract, rulesetB);
            decided++;
            count(kpis, "outcome " + da.outcome(), 0);
            count(kpis, "outcome " + db.outcome(), 1);
            count(kpis, "posture " + da.posture(), 0);
            count(kpis, "posture " + db.posture(), 1);
            count(kpis, "route " + da.route().queue(), 0);
            count(kpis, "route " + db.route().queue(), 1);
            String difference = difference(da, db);
            if (difference != null) {
                changed.add(da.contractId() + " (line " + line + "): " + difference);
            }
        }
        System.out.printf("%-44s %8s %8s %8s%n", "KPI (" + decided + " contracts)", "A", "B", "change");
        kpis.forEach((kpi, n) -> System.out.printf("%-44s %8d %8d %+8d%n", kpi, n[0], n[1], n[1] - n[0]));
        System.out.printf("%nA = %s%nB = %s%n%n%d of %d decisions changed%s%n", rulesetA.version(), rulesetB.version(),
                changed.size(), decided, invalid > 0 ? " (" + invalid + " invalid contracts skipped)" : "");
        changed.forEach(c -> System.out.println("  " + c));
        return 0;
    }

    private static void count(Map<String, int[]> kpis, String key, int side) {
        kpis.computeIfAbsent(key, k -> new int[2])[side]++;
    }

    private static String difference(Decision a, Decision b) {
        List<String> parts = DecisionDiff.between(a, b);
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
