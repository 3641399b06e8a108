package io.handoff;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;

/** The ruleset shipped in {@code rules/} and {@code decision-tables/}, compiled once for all unit tests. */
public final class ShippedRuleset {
    public static final Path RULES = Path.of("rules");
    public static final Path TABLES = Path.of("decision-tables");
    private static Ruleset ruleset;
    private static DecisionService service;

    private ShippedRuleset() {
    }

    public static synchronized Ruleset ruleset() {
        if (ruleset == null) {
            ruleset = new RulesetCompiler().compile(RuleSources.read(RULES, TABLES));
        }
        return ruleset;
    }

    /** How many case files are shipped in {@code rules/cases}: tests that count cases follow the folder, not a number. */
    public static int caseCount() {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(RULES.resolve("cases"))) {
            return (int) files.filter(f -> f.toString().endsWith(".yaml")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static synchronized DecisionService service() {
        if (service == null) {
            Ruleset compiled = ruleset();
            service = new DecisionService(new ContractValidator(), () -> compiled,
                    Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC));
        }
        return service;
    }
}
