package io.handoff.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.engine.Ruleset;
import io.handoff.ruleset.ActiveRuleset;

/** {@code GET /api/v1/rulesets/active}: the active version, its sources, its rules with their locations and warnings. */
@RestController
class RulesetController {
    private final ActiveRuleset active;

    RulesetController(ActiveRuleset active) {
        this.active = active;
    }

    record RulesetView(String version, List<String> sources, Map<String, String> rules, List<String> warnings) {
    }

    @GetMapping("/api/v1/rulesets/active")
    RulesetView active() {
        Ruleset ruleset = active.get();
        Map<String, String> rules = new TreeMap<>();
        ruleset.rules().forEach((id, location) -> rules.put(id, location.describe()));
        return new RulesetView(ruleset.version(),
                ruleset.sources().stream().map(source -> source.path()).toList(), rules,
                ruleset.warnings().stream().map(Object::toString).toList());
    }
}
