package io.handoff.ruleset;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ruleset comes from: {@code handoff.ruleset.rules-folder} (default {@code ./rules}) and
 * {@code handoff.ruleset.tables-folder} (default {@code ./decision-tables}); {@code max-firings} caps rule
 * firings per decision (a looping rule becomes an escalation, not a hang). There is no time cap: a decision
 * must not depend on how busy the machine is, and verified rules cannot block (see engine.verify).
 */
@ConfigurationProperties("handoff.ruleset")
public record RulesetProperties(@DefaultValue("./rules") Path rulesFolder,
                                @DefaultValue("./decision-tables") Path tablesFolder,
                                @DefaultValue("10000") int maxFirings) {
    public io.handoff.engine.RulesetCompiler compiler() {
        return new io.handoff.engine.RulesetCompiler(maxFirings);
    }
}
