package io.handoff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import io.handoff.contract.ContractValidator;
import io.handoff.contract.ContractViolationException;
import io.handoff.contract.MalformedContractException;
import io.handoff.decision.Decision;
import io.handoff.decision.DecisionJson;
import io.handoff.decision.DecisionService;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Decides one contract on the folders as they are, with the trace, before anything is submitted. Records nothing. */
@Command(name = "try", mixinStandardHelpOptions = true,
        description = "Decide one contract on the rules and tables folders and print the decision with every fired rule's "
                + "file, sheet and row. Nothing is recorded. Exit 1 if the rules do not compile or the contract is invalid.")
final class TryCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the contract, a JSON file")
    Path contract;

    @Mixin
    RulesOptions folders;

    @Option(names = "--json", description = "print the whole decision as the API answers it")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Ruleset ruleset;
        try {
            ruleset = new RulesetCompiler().compile(RuleSources.read(folders.rules, folders.tables));
        } catch (RulesetCompilationException e) {
            e.problems().forEach(p -> System.out.println(p.severity() + "  " + p));
            System.out.println("FAILED: the ruleset does not compile");
            return 1;
        }
        DecisionService service = new DecisionService(new ContractValidator(), () -> ruleset, Clock.systemUTC());
        ContractValidator.Validated validated;
        try {
            validated = service.validator().read(Files.readAllBytes(contract));
        } catch (MalformedContractException e) {
            System.out.println("INVALID: " + contract + " is not JSON: " + e.getMessage());
            return 1;
        } catch (ContractViolationException e) {
            e.violations().forEach(v -> System.out.println("  " + v.pointer() + "  " + v.code() + "  " + v.message()));
            System.out.println("INVALID: " + e.violations().size() + " violation(s); outcome invalid-contract");
            return 1;
        }
        Decision decision = service.decide("try-" + java.util.UUID.randomUUID(), validated, ruleset);
        if (json) {
            System.out.println(DecisionJson.write(decision));
        } else {
            print(decision);
        }
        return 0;
    }

    private static void print(Decision d) {
        System.out.printf("%s on version %s (nothing recorded)%n", d.contractId(), d.rulesetVersion());
        System.out.printf("outcome      %s%nposture      %s%nscore        %d%n", d.outcome(), d.posture(), d.score());
        if (d.route() != null) {
            System.out.printf("route        %s  (%s: %s)%n", d.route().queue(), d.route().ruleId(), d.route().reason());
        }
        if (d.urgency() != null) {
            System.out.printf("urgency      %s  (%s: %s)%n", d.urgency().level(), d.urgency().ruleId(), d.urgency().reason());
        }
        if (d.page() != null) {
            System.out.printf("page         %s, %s  (%s)%n", d.page().target(), d.page().mode(), d.page().ruleId());
        }
        if (d.retryPolicy() != null) {
            System.out.printf("retryPolicy  %d attempts, %d s  (%s)%n", d.retryPolicy().maxAttempts(), d.retryPolicy().backoffSeconds(),
                    d.retryPolicy().ruleId());
        }
        d.approvals().forEach(a -> System.out.printf("approval     %s by %s: %s  (%s)%n", a.gateId(), a.approverRole(), a.reason(), a.ruleId()));
        d.guardrails().forEach(g -> System.out.printf("guardrail    %s/%s, posture at least %s: %s  (%s)%n", g.category(), g.action(),
                g.postureFloor(), g.message(), g.ruleId()));
        d.remediation().forEach(r -> System.out.printf("remediation  %s: %s  (%s)%n", r.pointer(), r.message(), r.ruleId()));
        System.out.println("trace:");
        for (Decision.TraceEntry entry : d.trace()) {
            System.out.printf("  %2d  %-16s %s  %s%n", entry.seq(), entry.ruleId(), where(entry.source()), String.join("; ", entry.did()));
        }
    }

    private static String where(Decision.Source source) {
        if (source == null) {
            return "";
        }
        if (source.sheet() != null) {
            return source.file() + ", sheet " + source.sheet() + ", row " + source.row();
        }
        return source.file() + (source.line() == null ? "" : ", line " + source.line());
    }
}
