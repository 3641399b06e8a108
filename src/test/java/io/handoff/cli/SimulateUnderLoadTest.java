package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.ShippedRuleset;
import io.handoff.Spin;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionDiff;
import io.handoff.decision.DecisionService;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.json.JsonMapper;

/**
 * simulate of the shipped ruleset against itself reports no change while another process loads every core: there is
 * no clock in a decision. The command itself runs twice (it compiles both rulesets each time, seconds on a busy
 * machine); between them the same decide-and-compare simulate does runs 20 times on the two compiled rulesets.
 */
class SimulateUnderLoadTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void simulateOfTheShippedRulesetAgainstItselfChangesNothingWhileAnotherProcessLoadsTheCpu(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (RuleCase ruleCase : CaseRunner.load(ShippedRuleset.RULES, ShippedRuleset.TABLES)) {
            lines.add(JSON.writeValueAsString(ruleCase.contract()));
        }
        Path contracts = Files.write(dir.resolve("contracts.ndjson"), lines, StandardCharsets.UTF_8);
        String folders = ShippedRuleset.RULES + "," + ShippedRuleset.TABLES;
        Process load = Spin.start(Runtime.getRuntime().availableProcessors() * 2);
        try {
            assertThat(simulate(contracts, folders)).contains("0 of " + io.handoff.ShippedRuleset.caseCount() + " decisions changed");
            Ruleset a = ShippedRuleset.ruleset();
            Ruleset b = new RulesetCompiler().compile(RuleSources.read(ShippedRuleset.RULES, ShippedRuleset.TABLES));
            ContractValidator validator = new ContractValidator();
            DecisionService service = new DecisionService(validator, () -> a, Clock.systemUTC());
            for (int run = 1; run <= 20; run++) {
                int line = 0;
                for (String text : lines) {
                    line++;
                    ContractValidator.Validated contract = validator.read(text.getBytes(StandardCharsets.UTF_8));
                    Decision da = service.decide("sim-a-" + line, contract, a);
                    Decision db = service.decide("sim-b-" + line, contract, b);
                    assertThat(DecisionDiff.between(da, db)).as("run %d, line %d", run, line).isEmpty();
                }
            }
            assertThat(simulate(contracts, folders)).contains("0 of " + io.handoff.ShippedRuleset.caseCount() + " decisions changed");
        } finally {
            load.destroyForcibly().waitFor();
        }
    }

    private static String simulate(Path contracts, String folders) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(HandoffCli.run("simulate", contracts.toString(), "--a", folders, "--b", folders)).isZero();
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }
}
