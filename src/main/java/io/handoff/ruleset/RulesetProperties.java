package io.handoff.ruleset;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.handoff.engine.RulesetCompiler;

/**
 * Where the ruleset comes from: {@code handoff.ruleset.rules-folder} (default {@code ./rules}) and
 * {@code handoff.ruleset.tables-folder} (default {@code ./decision-tables}); {@code max-firings} caps rule
 * firings per decision (a looping rule becomes an escalation, not a hang). There is no time cap: a decision
 * must not depend on how busy the machine is, and verified rules cannot block (see engine.verify).
 * {@code max-table-part} caps what one zip part of an {@code .xlsx} may inflate to before the workbook is read
 * (a small file can hold a huge sheet).
 */
@ConfigurationProperties("handoff.ruleset")
public record RulesetProperties(@DefaultValue("./rules") Path rulesFolder,
                                @DefaultValue("./decision-tables") Path tablesFolder,
                                @DefaultValue("10000") int maxFirings,
                                @DefaultValue("20MB") DataSize maxTablePart) {
    public RulesetCompiler compiler() {
        return new RulesetCompiler(maxFirings, maxTablePart.toBytes(), ContractEnums.values());
    }
}
