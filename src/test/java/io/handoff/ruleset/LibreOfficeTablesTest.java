package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.ShippedRuleset;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;

/**
 * The shipped tables opened and saved by LibreOffice Calc 7 ({@code soffice --convert-to xlsx}; the files under
 * {@code engine/verify/libreoffice/}) pass the verifier and every shipped case, as the originals do: what an
 * analyst's spreadsheet program writes is read the same way.
 */
class LibreOfficeTablesTest {
    @TempDir
    Path temp;

    @Test
    void tablesSavedByLibreOfficePassTheVerifierAndEveryCase() throws IOException {
        Path tables = Files.createDirectories(temp.resolve("decision-tables"));
        try (Stream<Path> saved = Files.list(Path.of("src/test/resources/engine/verify/libreoffice"))) {
            for (Path file : saved.toList()) {
                Files.copy(file, tables.resolve(file.getFileName()));
            }
        }
        Ruleset ruleset = new RulesetCompiler().compile(RuleSources.read(ShippedRuleset.RULES, tables));

        assertThat(ruleset.rules().keySet()).isEqualTo(ShippedRuleset.ruleset().rules().keySet());
        List<CaseResult> results = new CaseRunner(ShippedRuleset.service())
                .runAll(CaseRunner.load(ShippedRuleset.RULES, ShippedRuleset.TABLES), ruleset);
        assertThat(results).hasSizeGreaterThanOrEqualTo(38).allSatisfy(r -> assertThat(r.mismatches()).as(r.file()).isEmpty());
    }
}
